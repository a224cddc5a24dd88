"""deploy/k8s, checked offline: every built-in object against the Kubernetes JSON schemas
(strict: no unknown fields) that ``kubernetes-validate`` bundles, the KEDA objects against
the fields KEDA's CRDs and Temporal scaler define, and what the deployment must do."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import kubernetes_validate
import pytest
import yaml

from cpg2pvg.contracts import cpu_task_queue
from cpg2pvg.production import REQUIREMENTS
from cpg2pvg.settings import Settings
from tests.conftest import REPO

K8S = REPO / "deploy" / "k8s"
# The oldest Kubernetes we support (KEDA 2.17 needs 1.30) and the newest the schemas know.
VERSIONS = ("1.30.0", kubernetes_validate.latest_version())


def _documents(path: Path) -> list[dict[str, Any]]:
    return [d for d in yaml.safe_load_all(path.read_text()) if d]


MANIFESTS = {p.name: _documents(p) for p in sorted(K8S.glob("*.yaml"))}
KUSTOMIZATION = MANIFESTS["kustomization.yaml"][0]
OBJECTS = [
    d for name, docs in MANIFESTS.items() if name not in ("kustomization.yaml",) for d in docs
]


def _object(kind: str, name: str) -> dict[str, Any]:
    (found,) = [o for o in OBJECTS if o["kind"] == kind and o["metadata"]["name"] == name]
    return found


def _container(deployment: str) -> dict[str, Any]:
    (container,) = _object("Deployment", deployment)["spec"]["template"]["spec"]["containers"]
    return container


# KEDA's objects, as far as these manifests use them: field names from KEDA's CRDs
# (keda.sh/v1alpha1) and its Temporal scaler's parameters; anything else is refused.
_TEMPORAL_METADATA = {
    name: {"type": "string"}
    for name in (
        "endpoint",
        "endpointFromEnv",
        "namespace",
        "namespaceFromEnv",
        "taskQueue",
        "taskQueueFromEnv",
        "targetQueueSize",
        "activationTargetQueueSize",
        "queueTypes",
        "workerDeploymentName",
        "workerDeploymentBuildId",
        "minConnectTimeout",
        "unsafeSsl",
        "tlsServerName",
    )
}
_METADATA = {
    "type": "object",
    "required": ["name"],
    "properties": {"name": {"type": "string"}, "labels": {"type": "object"}},
    "additionalProperties": False,
}
SCALED_OBJECT = {
    "type": "object",
    "required": ["apiVersion", "kind", "metadata", "spec"],
    "additionalProperties": False,
    "properties": {
        "apiVersion": {"const": "keda.sh/v1alpha1"},
        "kind": {"const": "ScaledObject"},
        "metadata": _METADATA,
        "spec": {
            "type": "object",
            "required": ["scaleTargetRef", "triggers"],
            "additionalProperties": False,
            "properties": {
                "scaleTargetRef": {
                    "type": "object",
                    "required": ["name"],
                    "additionalProperties": False,
                    "properties": {
                        "name": {"type": "string"},
                        "kind": {"type": "string"},
                        "apiVersion": {"type": "string"},
                        "envSourceContainerName": {"type": "string"},
                    },
                },
                **{
                    field: {"type": "integer", "minimum": 0}
                    for field in (
                        "minReplicaCount",
                        "maxReplicaCount",
                        "pollingInterval",
                        "cooldownPeriod",
                        "idleReplicaCount",
                    )
                },
                "advanced": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        "restoreToOriginalReplicaCount": {"type": "boolean"},
                        "horizontalPodAutoscalerConfig": {
                            "type": "object",
                            "additionalProperties": False,
                            "properties": {"name": {"type": "string"}, "behavior": {}},
                        },
                    },
                },
                "triggers": {
                    "type": "array",
                    "minItems": 1,
                    "items": {
                        "type": "object",
                        "required": ["type", "metadata"],
                        "additionalProperties": False,
                        "properties": {
                            "type": {"const": "temporal"},
                            "name": {"type": "string"},
                            "metricType": {"enum": ["AverageValue", "Value"]},
                            "metadata": {
                                "type": "object",
                                "properties": _TEMPORAL_METADATA,
                                "additionalProperties": False,
                                "anyOf": [
                                    {"required": ["endpoint"]},
                                    {"required": ["endpointFromEnv"]},
                                ],
                            },
                            "authenticationRef": {
                                "type": "object",
                                "required": ["name"],
                                "additionalProperties": False,
                                "properties": {
                                    "name": {"type": "string"},
                                    "kind": {
                                        "enum": [
                                            "TriggerAuthentication",
                                            "ClusterTriggerAuthentication",
                                        ]
                                    },
                                },
                            },
                        },
                    },
                },
            },
        },
    },
}
TRIGGER_AUTHENTICATION = {
    "type": "object",
    "required": ["apiVersion", "kind", "metadata", "spec"],
    "additionalProperties": False,
    "properties": {
        "apiVersion": {"const": "keda.sh/v1alpha1"},
        "kind": {"const": "TriggerAuthentication"},
        "metadata": _METADATA,
        "spec": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "secretTargetRef": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["parameter", "name", "key"],
                        "additionalProperties": False,
                        "properties": {
                            # The Temporal scaler's authentication parameters.
                            "parameter": {"enum": ["apiKey", "cert", "key", "keyPassword", "ca"]},
                            "name": {"type": "string"},
                            "key": {"type": "string"},
                        },
                    },
                }
            },
        },
    },
}
KEDA_SCHEMAS = {"ScaledObject": SCALED_OBJECT, "TriggerAuthentication": TRIGGER_AUTHENTICATION}


@pytest.mark.parametrize("version", VERSIONS)
def test_every_object_is_valid_for_kubernetes(version: str) -> None:
    checked = 0
    for obj in OBJECTS:
        if obj["apiVersion"].startswith("keda.sh/"):
            jsonschema.validate(obj, KEDA_SCHEMAS[obj["kind"]])
            continue
        kubernetes_validate.validate(obj, version, strict=True)
        checked += 1
    assert checked >= 8
    # The scaling behaviour KEDA hands to its HorizontalPodAutoscaler, as one.
    scaled = _object("ScaledObject", "cpg2pvg-worker")
    behavior = scaled["spec"]["advanced"]["horizontalPodAutoscalerConfig"]["behavior"]
    hpa = {
        "apiVersion": "autoscaling/v2",
        "kind": "HorizontalPodAutoscaler",
        "metadata": {"name": "keda-hpa-cpg2pvg-worker"},
        "spec": {
            "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "x"},
            "maxReplicas": scaled["spec"]["maxReplicaCount"],
            "behavior": behavior,
        },
    }
    kubernetes_validate.validate(hpa, version, strict=True)


def test_a_schema_violation_is_caught() -> None:
    """The check itself: an unknown field and a wrong type are refused."""
    api = _object("Deployment", "cpg2pvg-api")
    broken = {**api, "spec": {**api["spec"], "replica": 2}}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, VERSIONS[-1], strict=True)
    scaled = _object("ScaledObject", "cpg2pvg-worker")
    trigger = {**scaled["spec"]["triggers"][0], "metadata": {"endpoint": "x", "queueSize": "2"}}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(
            {**scaled, "spec": {**scaled["spec"], "triggers": [trigger]}}, SCALED_OBJECT
        )


def test_kustomization_applies_every_manifest_but_the_secrets_example() -> None:
    listed = set(KUSTOMIZATION["resources"])
    assert listed == set(MANIFESTS) - {"kustomization.yaml", "secrets.example.yaml"}
    assert all((K8S / name).exists() for name in listed)


def test_the_api_is_probed_on_healthz_and_readyz_with_resources_requested() -> None:
    container = _container("cpg2pvg-api")
    (port,) = container["ports"]
    assert container["livenessProbe"]["httpGet"] == {"path": "/healthz", "port": port["name"]}
    assert container["readinessProbe"]["httpGet"] == {"path": "/readyz", "port": port["name"]}
    assert container["startupProbe"]["httpGet"]["path"] == "/healthz"
    assert str(port["containerPort"]) == container["command"][-1]
    service = _object("Service", "cpg2pvg-api")
    assert service["spec"]["ports"][0]["targetPort"] == port["name"]


def test_workers_are_probed_on_their_health_port_and_get_their_grace() -> None:
    deployment = _object("Deployment", "cpg2pvg-worker")
    container = _container("cpg2pvg-worker")
    config = _object("ConfigMap", "cpg2pvg-config")["data"]
    ports = {port["name"]: str(port["containerPort"]) for port in container["ports"]}
    assert ports == {
        "health": config["CPG2PVG_WORKER_HEALTH_PORT"],
        "metrics": config["CPG2PVG_WORKER_METRICS_PORT"],
    }
    assert config["CPG2PVG_WORKER_METRICS_HOST"] == "0.0.0.0"  # noqa: S104 - in the pod
    assert config["CPG2PVG_WORKER_HEALTH_HOST"] == "0.0.0.0"  # noqa: S104 - in the pod
    for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
        assert container[probe]["httpGet"]["port"] == "health", probe
    assert container["livenessProbe"]["httpGet"]["path"] == "/livez"
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    grace = float(config["CPG2PVG_WORKER_SHUTDOWN_GRACE_SECONDS"])
    assert deployment["spec"]["template"]["spec"]["terminationGracePeriodSeconds"] >= grace + 15
    assert "replicas" not in deployment["spec"], "the autoscaler owns the count"


def test_every_container_requests_resources_and_runs_unprivileged() -> None:
    for obj in OBJECTS:
        if obj["kind"] not in ("Deployment", "Job"):
            continue
        pod = obj["spec"]["template"]["spec"]
        assert pod["securityContext"]["runAsNonRoot"] is True
        for container in pod["containers"]:
            assert {"cpu", "memory"} <= set(container["resources"]["requests"]), container["name"]
            assert container["securityContext"]["allowPrivilegeEscalation"] is False
            assert container["image"] == KUSTOMIZATION["images"][0]["name"]


def test_workers_scale_on_the_backlog_of_their_own_task_queue() -> None:
    scaled = _object("ScaledObject", "cpg2pvg-worker")
    assert scaled["spec"]["scaleTargetRef"]["name"] == "cpg2pvg-worker"
    assert scaled["spec"]["minReplicaCount"] >= 1, "never to zero: workflow tasks need one"
    queues, cpu = scaled["spec"]["triggers"]
    config = _object("ConfigMap", "cpg2pvg-config")["data"]
    # CPU steps wait on their own queue, which is scaled on as well.
    assert cpu["metadata"]["taskQueue"] == cpu_task_queue(config["CPG2PVG_TASK_QUEUE"])
    assert cpu["authenticationRef"] == queues["authenticationRef"]
    trigger = queues
    metadata = trigger["metadata"]
    # Read from the worker container's own environment: the values it connects with.
    assert metadata["taskQueueFromEnv"] in config
    example = {d["metadata"]["name"]: d for d in MANIFESTS["secrets.example.yaml"]}
    temporal = example["cpg2pvg-temporal"]["stringData"]
    assert {metadata["endpointFromEnv"], metadata["namespaceFromEnv"]} <= set(temporal)
    assert int(metadata["targetQueueSize"]) > 0
    auth = _object("TriggerAuthentication", trigger["authenticationRef"]["name"])
    (ref,) = auth["spec"]["secretTargetRef"]
    assert (ref["parameter"], ref["name"], ref["key"]) == (
        "apiKey",
        "cpg2pvg-temporal",
        "TEMPORAL_API_KEY",
    )


def test_temporal_and_the_secrets_come_from_secrets_and_production_mode_is_on() -> None:
    config = _object("ConfigMap", "cpg2pvg-config")["data"]
    assert config["CPG2PVG_ENV"] == "production"
    for name in ("cpg2pvg-api", "cpg2pvg-worker"):
        container = _container(name)
        sources = [s.get("secretRef", {}).get("name") for s in container["envFrom"]]
        assert {"cpg2pvg-secrets", "cpg2pvg-temporal"} <= set(sources), name
        assert not any(e["name"].startswith("TEMPORAL_") for e in container.get("env", []))
    text = "\n".join((K8S / n).read_text() for n in KUSTOMIZATION["resources"])
    assert "TEMPORAL_ADDRESS:" not in text, "the cluster is named in a Secret only"
    example = {d["metadata"]["name"]: d for d in MANIFESTS["secrets.example.yaml"]}
    given = set(example["cpg2pvg-secrets"]["stringData"])
    required = {r.setting for r in REQUIREMENTS if r.setting != "CPG2PVG_PAYLOAD_CODEC"}
    assert required <= given
    settings = {f"CPG2PVG_{name.upper()}" for name in Settings.model_fields}
    assert set(config) <= settings, "every key of the ConfigMap is one of our settings"
