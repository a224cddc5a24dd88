"""Where Temporal is and how to reach it, for the API, the workers and the CLI alike.

Temporal Cloud, a self-hosted cluster with mTLS and the local dev server are described the
way the ``temporal`` CLI and every SDK describe them (``temporalio.envconfig``): a profile
in a TOML file and ``TEMPORAL_*`` variables (address, namespace, API key, TLS client
certificate and key, server CA, server name, gRPC headers), the variables winning over the
file. What they leave open falls back to our own settings, ``CPG2PVG_TEMPORAL_ADDRESS`` and
``CPG2PVG_TEMPORAL_NAMESPACE``, and then to the local dev server.

The profile file is read only when ``TEMPORAL_CONFIG_FILE`` or ``TEMPORAL_PROFILE`` asks for
it: a developer's own CLI profile (often a Cloud namespace) must not turn ``make run`` or
the tests into clients of a remote cluster.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from temporalio.envconfig import ClientConfigProfile
from temporalio.service import TLSConfig

from cpg2pvg.settings import Settings

CONFIG_FILE_VAR = "TEMPORAL_CONFIG_FILE"
PROFILE_VAR = "TEMPORAL_PROFILE"


class TemporalConfigError(ValueError):
    """The Temporal client configuration cannot be used as given."""


@dataclass(frozen=True)
class ClientOptions:
    """The arguments of ``Client.connect`` that say where and how to connect."""

    target_host: str
    namespace: str
    api_key: str | None = field(default=None, repr=False)
    tls: bool | TLSConfig = field(default=False, repr=False)
    rpc_metadata: Mapping[str, str] = field(default_factory=dict, repr=False)

    @property
    def uses_tls(self) -> bool:
        return self.tls is not False

    @property
    def client_certificate(self) -> bool:
        return isinstance(self.tls, TLSConfig) and self.tls.client_cert is not None

    def describe(self) -> str:
        """For logs: where, and how it authenticates; never a key or a certificate."""
        how = "plain"
        if self.uses_tls:
            how = "mTLS" if self.client_certificate else "TLS"
        if self.api_key:
            how += " + API key"
        return f"{self.target_host} (namespace {self.namespace}, {how})"


def load_profile(env: Mapping[str, str] | None = None) -> ClientConfigProfile:
    """The envconfig profile: ``TEMPORAL_*`` variables over the file's profile (if asked for)."""
    env = dict(os.environ if env is None else env)
    config_file = env.get(CONFIG_FILE_VAR)
    if config_file and not Path(config_file).is_file():
        raise TemporalConfigError(f"{CONFIG_FILE_VAR} names {config_file}, which is not a file")
    use_file = bool(config_file or env.get(PROFILE_VAR))
    try:
        return ClientConfigProfile.load(disable_file=not use_file, override_env_vars=env)
    except Exception as error:  # the SDK's ConfigError: unknown profile, malformed TOML
        raise TemporalConfigError(f"Temporal client configuration: {error}") from None


def client_options(settings: Settings, env: Mapping[str, str] | None = None) -> ClientOptions:
    """Address and namespace: ours when set explicitly (``CPG2PVG_TEMPORAL_*``, or
    ``TEMPORAL_ADDRESS`` / ``TEMPORAL_NAMESPACE``), else the profile's, else the local dev
    server; API key, TLS and gRPC headers from the profile and ``TEMPORAL_*`` variables."""
    profile = load_profile(env)
    explicit = settings.model_fields_set
    address = settings.temporal_address or profile.address or settings.temporal_target
    namespace = (
        settings.temporal_namespace
        if "temporal_namespace" in explicit or not profile.namespace
        else profile.namespace
    )
    try:
        connect = profile.to_client_connect_config()
    except OSError as error:  # a certificate or key file that cannot be read
        raise TemporalConfigError(
            f"Temporal TLS: cannot read {error.filename}: {error.strerror}"
        ) from None
    return ClientOptions(
        target_host=address,
        namespace=namespace,
        api_key=connect.get("api_key"),
        tls=connect.get("tls", False),
        rpc_metadata=dict(connect.get("rpc_metadata", {})),
    )


def configured_address(settings: Settings, env: Mapping[str, str] | None = None) -> str | None:
    """The Temporal cluster the settings or the profile name; None means the local stack
    runs its own dev server."""
    return settings.temporal_address or load_profile(env).address


__all__ = [
    "ClientOptions",
    "TemporalConfigError",
    "client_options",
    "configured_address",
    "load_profile",
]
