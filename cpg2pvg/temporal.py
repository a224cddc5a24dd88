"""One way to connect to Temporal, shared by the API, the worker and the CLI."""

from __future__ import annotations

import dataclasses
import logging

from temporalio.client import Client
from temporalio.converter import DataConverter, DefaultFailureConverterWithEncodedAttributes
from temporalio.runtime import Runtime

from cpg2pvg import telemetry
from cpg2pvg.codec import codec_for
from cpg2pvg.settings import Settings
from cpg2pvg.temporal_config import client_options

log = logging.getLogger("cpg2pvg.temporal")


def data_converter(settings: Settings) -> DataConverter:
    """The default converter, with every payload encrypted (cpg2pvg.codec) unless turned off.

    Failure messages and stack traces travel as an encoded payload too: they quote review
    comments and numbers from the document, and would otherwise reach history in clear.
    """
    return dataclasses.replace(
        DataConverter.default,
        payload_codec=codec_for(settings),
        failure_converter_class=DefaultFailureConverterWithEncodedAttributes,
    )


async def connect(settings: Settings, *, runtime: Runtime | None = None) -> Client:
    """A client with the payload codec and the tracing interceptors (inherited by workers),
    to the cluster that ``cpg2pvg.temporal_config`` names (address, namespace, API key, TLS).

    ``runtime`` is the worker's, when it serves Prometheus metrics.
    """
    options = client_options(settings)
    log.info("connecting to Temporal at %s", options.describe())
    return await Client.connect(
        options.target_host,
        namespace=options.namespace,
        api_key=options.api_key,
        tls=options.tls,
        rpc_metadata=options.rpc_metadata,
        data_converter=data_converter(settings),
        interceptors=telemetry.temporal_interceptors(),
        runtime=runtime,
    )
