"""docker-compose.yml, checked offline (no Docker daemon here): read as YAML, with compose's
``${VAR:-default}`` / ``${VAR:?error}`` interpolation done as compose does it."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml

from cpg2pvg.ops.local.temporal import DYNAMIC_CONFIG
from cpg2pvg.production import REQUIREMENTS
from cpg2pvg.settings import Settings
from tests.conftest import REPO

COMPOSE: dict[str, Any] = yaml.safe_load((REPO / "docker-compose.yml").read_text())
SERVICES: dict[str, dict[str, Any]] = COMPOSE["services"]
APP_SERVICES = ("migrate", "api", "worker")
SECRETS = {
    "POSTGRES_PASSWORD": "pg-password",
    "CPG2PVG_CODEC_KEYS": "k1:" + "A" * 43 + "=",
    "CPG2PVG_WEBHOOK_SECRET": "webhook-secret",
    "CPG2PVG_REVIEW_SECRET": "review-secret",
    "CPG2PVG_CODEC_ACCESS_TOKEN": "codec-token",
}
_VARIABLE = re.compile(r"\$\{(?P<name>\w+)(?:(?P<op>:-|:\?)(?P<arg>[^}]*))?\}")


class MissingVariable(LookupError):
    pass


def interpolate(text: str, env: dict[str, str]) -> str:
    def value(match: re.Match[str]) -> str:
        name, op, arg = match["name"], match["op"], match["arg"]
        if env.get(name):
            return env[name]
        if op == ":?":
            raise MissingVariable(f"{name}: {arg}")
        return arg if op == ":-" else ""

    return _VARIABLE.sub(value, text.replace("$$", "\0")).replace("\0", "$")


def _published(service: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(host address, host port, container port) of each published port."""
    found = []
    for entry in service.get("ports", []):
        parts = interpolate(str(entry), SECRETS).rsplit(":", 2)
        if len(parts) == 2:
            parts = ["0.0.0.0", *parts]  # noqa: S104 - what compose does without an address
        host, host_port, container_port = parts
        found.append((host, host_port, container_port))
    return found


def _environment(name: str) -> dict[str, str]:
    env = SERVICES[name].get("environment", {})
    return {k: "" if v is None else str(v) for k, v in env.items()}


def test_only_the_proxy_listens_on_all_interfaces_and_the_web_ui_on_loopback_only() -> None:
    published = {name: _published(s) for name, s in SERVICES.items() if s.get("ports")}
    assert set(published) == {"proxy", "temporal-ui"}, "nothing else is published"
    assert all(host == "127.0.0.1" for host, _, _ in published["temporal-ui"])
    assert [port for _, port, _ in published["proxy"]] == ["8000"]


def test_the_web_ui_decodes_through_the_api_and_cannot_change_workflows() -> None:
    ui = {k: interpolate(v, SECRETS) for k, v in _environment("temporal-ui").items()}
    ((_, proxy_port, _),) = _published(SERVICES["proxy"])
    assert ui["TEMPORAL_CODEC_ENDPOINT"] == f"http://127.0.0.1:{proxy_port}/codec/codec-token"
    assert ui["TEMPORAL_DISABLE_WRITE_ACTIONS"] == "true"
    # The browser calls the codec from the UI's origin: the API must allow it (CORS).
    ((_, ui_port, _),) = _published(SERVICES["temporal-ui"])
    app = {k: interpolate(v, SECRETS) for k, v in _environment("api").items()}
    assert app["CPG2PVG_CODEC_ACCESS_TOKEN"] == "codec-token"
    assert "CPG2PVG_CODEC_CORS_ORIGINS" not in app, "so the default holds"
    origins = Settings.model_fields["codec_cors_origins"].default
    assert f"http://127.0.0.1:{ui_port}" in origins


def test_api_replicas_sit_behind_the_proxy_so_that_scale_api_works() -> None:
    api = SERVICES["api"]
    assert "ports" not in api and "container_name" not in api
    assert api["deploy"]["replicas"] >= 2
    command = api["command"]
    api_port = command[command.index("--port") + 1]
    assert api["expose"] == [api_port]
    caddyfile = COMPOSE["configs"]["caddyfile"]["content"]
    proxy = SERVICES["proxy"]
    assert [c["source"] for c in proxy["configs"]] == ["caddyfile"]
    # Upstreams from every A record of the service name, refreshed: scaled replicas join.
    dynamic = re.search(r"dynamic a \{(?P<body>[^}]*)\}", caddyfile)
    assert dynamic is not None, caddyfile
    settings = dict(line.split(None, 1) for line in dynamic["body"].strip().splitlines())
    assert settings["name"] == "api" and settings["port"] == api_port
    assert settings["refresh"].endswith("s")
    ((_, _, container_port),) = _published(proxy)
    assert caddyfile.startswith(f":{container_port} {{")
    assert "flush_interval -1" in caddyfile, "event streams are not buffered"


def test_workers_get_the_sdk_grace_and_15_seconds_more_before_sigkill() -> None:
    worker = SERVICES["worker"]
    sdk_grace = float(
        _environment("worker").get(
            "CPG2PVG_WORKER_SHUTDOWN_GRACE_SECONDS",
            Settings.model_fields["worker_shutdown_grace_seconds"].default,
        )
    )
    grace = worker["stop_grace_period"]
    assert grace.endswith("s")
    assert float(grace[:-1]) >= sdk_grace + 15


def test_temporal_runs_with_the_dynamic_config_of_the_local_dev_server() -> None:
    content = yaml.safe_load(COMPOSE["configs"]["temporal-dynamic-config"]["content"])
    as_given = {key: str(entries[0]["value"]).lower() for key, entries in content.items()}
    assert as_given == DYNAMIC_CONFIG, "same keys and values, and no test-only ones"
    assert all(len(entries) == 1 for entries in content.values())
    temporal = SERVICES["temporal"]
    target = temporal["configs"][0]["target"]
    assert temporal["environment"]["DYNAMIC_CONFIG_FILE_PATH"] == target


def test_every_app_service_runs_in_production_mode_with_what_it_requires() -> None:
    for name in APP_SERVICES:
        env = _environment(name)
        assert env["CPG2PVG_ENV"] == "production", name
        for requirement in REQUIREMENTS:
            if requirement.setting == "CPG2PVG_PAYLOAD_CODEC":
                assert env.get(requirement.setting, "true") != "false", name
                continue
            assert interpolate(env[requirement.setting], SECRETS).strip(), (name, requirement)
        # The Temporal cluster of this file, not the local default.
        assert env["TEMPORAL_ADDRESS"] == "temporal:7233"


@pytest.mark.parametrize("missing", sorted(SECRETS))
def test_compose_refuses_to_start_without_each_secret(missing: str) -> None:
    given = {k: v for k, v in SECRETS.items() if k != missing}
    raw = (REPO / "docker-compose.yml").read_text()
    with pytest.raises(MissingVariable, match=missing):
        interpolate(raw, given)
    interpolate(raw, SECRETS)  # all given: nothing missing
