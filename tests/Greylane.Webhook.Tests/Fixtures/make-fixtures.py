#!/usr/bin/env python3
"""Writes the AdmissionReview fixtures of the webhook tests (run from anywhere; the JSON files are committed).

Each fixture is a full AdmissionReview as kube-apiserver sends it: the objects carry managedFields,
kubectl's last-applied-configuration and status. "<hash:vN>" stands for the template hash of image
version N; the tests put the real hash (TemplateHash of that template) in its place.
"""
import copy, json, os, zlib

HERE = os.path.dirname(os.path.abspath(__file__))
IMAGES = {"v1": "registry.example.com/e2e/mocka:1.4.0", "v2": "registry.example.com/e2e/mocka:1.5.0", "v3": "registry.example.com/e2e/mocka:1.6.0"}
STRATEGY = """canaryLabels: {istio.service.tag: gray, version: canary}
steps:
  - replicas: 1
    pause: manual
  - replicas: 50%
    pause: 2m
  - replicas: 100%
    pause: 30s
"""


def template(version):
    return {
        "metadata": {
            "creationTimestamp": None,
            "labels": {"app": "mocka-base", "version": "base"},
            "annotations": {"sidecar.istio.io/inject": "true"},
        },
        "spec": {
            "containers": [
                {
                    "name": "mocka",
                    "image": IMAGES[version],
                    "imagePullPolicy": "IfNotPresent",
                    "args": ["--listen=:8080", "--metrics=:9090", "--downstream=http://mockb.e2e.svc.cluster.local:8080"],
                    "ports": [{"name": "http", "containerPort": 8080, "protocol": "TCP"}, {"name": "metrics", "containerPort": 9090, "protocol": "TCP"}],
                    "env": [
                        {"name": "SERVICE_NAME", "value": "mocka-base"},
                        {"name": "LANE", "value": "base"},
                        {"name": "POD_NAME", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.name"}}},
                    ],
                    "resources": {"limits": {"cpu": "500m", "memory": "256Mi"}, "requests": {"cpu": "100m", "memory": "128Mi"}},
                    "readinessProbe": {"httpGet": {"path": "/ready", "port": 8080, "scheme": "HTTP"}, "initialDelaySeconds": 2, "periodSeconds": 5, "timeoutSeconds": 1, "successThreshold": 1, "failureThreshold": 3},
                    "volumeMounts": [{"name": "config", "mountPath": "/etc/mocka", "readOnly": True}],
                    "terminationMessagePath": "/dev/termination-log",
                    "terminationMessagePolicy": "File",
                }
            ],
            "volumes": [{"name": "config", "configMap": {"name": "mocka-config", "defaultMode": 420}}],
            "restartPolicy": "Always",
            "terminationGracePeriodSeconds": 30,
            "dnsPolicy": "ClusterFirst",
            "securityContext": {},
            "schedulerName": "default-scheduler",
        },
    }


def manifest(version, replicas, annotations):
    """What the user applied (the last-applied-configuration)."""
    t = template(version)
    del t["metadata"]["creationTimestamp"]
    for c in t["spec"]["containers"]:
        for k in ("terminationMessagePath", "terminationMessagePolicy", "imagePullPolicy"):
            c.pop(k)
    for k in ("restartPolicy", "terminationGracePeriodSeconds", "dnsPolicy", "securityContext", "schedulerName"):
        t["spec"].pop(k)
    return {
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": "mocka-base", "namespace": "e2e", "labels": {"app": "mocka-base"}, "annotations": annotations},
        "spec": {"replicas": replicas, "selector": {"matchLabels": {"app": "mocka-base", "version": "base"}}, "template": t},
    }


def deployment(version, replicas=3, enabled=True, strategy=True, managed=True, labels=True, greylane=None, paused=None, generation=7):
    user = {}
    if enabled:
        user["greylane.dev/enabled"] = "true"
    if strategy and enabled:
        user["greylane.dev/strategy"] = STRATEGY
    annotations = {"deployment.kubernetes.io/revision": "4"}
    annotations.update(user)
    annotations["kubectl.kubernetes.io/last-applied-configuration"] = json.dumps(manifest(version, replicas, user), separators=(",", ":")) + "\n"
    annotations.update(greylane or {})
    meta = {
        "name": "mocka-base", "namespace": "e2e", "uid": "6c1f0b2e-8d7a-4f3e-9a51-3f0c2b7d9e10",
        "resourceVersion": "184467", "generation": generation, "creationTimestamp": "2026-11-20T09:12:44Z",
        "annotations": annotations,
        "managedFields": [
            {"manager": "kubectl-client-side-apply", "operation": "Update", "apiVersion": "apps/v1", "time": "2026-11-25T17:03:10Z", "fieldsType": "FieldsV1",
             "fieldsV1": {"f:metadata": {"f:annotations": {".": {}, "f:greylane.dev/enabled": {}, "f:greylane.dev/strategy": {}, "f:kubectl.kubernetes.io/last-applied-configuration": {}}, "f:labels": {".": {}, "f:app": {}}},
                          "f:spec": {"f:progressDeadlineSeconds": {}, "f:replicas": {}, "f:revisionHistoryLimit": {}, "f:selector": {}, "f:strategy": {"f:rollingUpdate": {".": {}, "f:maxSurge": {}, "f:maxUnavailable": {}}, "f:type": {}},
                                     "f:template": {"f:metadata": {"f:annotations": {".": {}, "f:sidecar.istio.io/inject": {}}, "f:labels": {".": {}, "f:app": {}, "f:version": {}}},
                                                    "f:spec": {"f:containers": {"k:{\"name\":\"mocka\"}": {".": {}, "f:args": {}, "f:env": {}, "f:image": {}, "f:name": {}, "f:ports": {}, "f:resources": {}}}, "f:volumes": {}}}}}},
            {"manager": "kube-controller-manager", "operation": "Update", "apiVersion": "apps/v1", "time": "2026-11-25T17:03:41Z", "fieldsType": "FieldsV1", "subresource": "status",
             "fieldsV1": {"f:metadata": {"f:annotations": {"f:deployment.kubernetes.io/revision": {}}}, "f:status": {"f:availableReplicas": {}, "f:conditions": {}, "f:observedGeneration": {}, "f:readyReplicas": {}, "f:replicas": {}, "f:updatedReplicas": {}}}},
        ],
    }
    if labels:
        meta["labels"] = {"app": "mocka-base"}
        if managed:
            meta["labels"]["greylane.dev/managed"] = "true"
    spec = {
        "replicas": replicas, "selector": {"matchLabels": {"app": "mocka-base", "version": "base"}},
        "template": template(version),
        "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": "25%", "maxSurge": "25%"}},
        "revisionHistoryLimit": 10, "progressDeadlineSeconds": 600,
    }
    if paused is not None:
        spec["paused"] = paused
    status = {
        "observedGeneration": generation - 1, "replicas": replicas, "updatedReplicas": replicas, "readyReplicas": replicas, "availableReplicas": replicas,
        "conditions": [
            {"type": "Available", "status": "True", "lastUpdateTime": "2026-11-25T17:03:41Z", "lastTransitionTime": "2026-11-20T09:13:02Z", "reason": "MinimumReplicasAvailable", "message": "Deployment has minimum availability."},
            {"type": "Progressing", "status": "True", "lastUpdateTime": "2026-11-25T17:03:41Z", "lastTransitionTime": "2026-11-20T09:12:44Z", "reason": "NewReplicaSetAvailable", "message": "ReplicaSet \"mocka-base-7d9c8b6f5d\" has successfully progressed."},
        ],
    }
    return {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": meta, "spec": spec, "status": status}


def releasing(version, release, phase, paused=True, stable="v1", status_release=None, **kw):
    status = {"phase": phase, "step": 0, "release": status_release or f"<hash:{release}>", "since": "2026-11-26T03:10:00Z", "message": ""}
    ann = {"greylane.dev/release": f"<hash:{release}>", "greylane.dev/stable": f"<hash:{stable}>", "greylane.dev/status": json.dumps(status, separators=(",", ":"))}
    return deployment(version, greylane=ann, paused=paused, **kw)


def review(name, operation, new, old=None, dry_run=False):
    request = {
        "uid": f"0f5e2a9c-{zlib.crc32(name.encode()) % 10**4:04d}-4b1d-9c3e-7a2f61d8b0c4",
        "kind": {"group": "apps", "version": "v1", "kind": "Deployment"},
        "resource": {"group": "apps", "version": "v1", "resource": "deployments"},
        "requestKind": {"group": "apps", "version": "v1", "kind": "Deployment"},
        "requestResource": {"group": "apps", "version": "v1", "resource": "deployments"},
        "name": "mocka-base", "namespace": "e2e", "operation": operation,
        "userInfo": {"username": "kubernetes-admin", "groups": ["system:masters", "system:authenticated"]},
        "object": new, "oldObject": old, "dryRun": dry_run,
        "options": {"apiVersion": "meta.k8s.io/v1", "kind": "UpdateOptions" if operation == "UPDATE" else "CreateOptions", "fieldManager": "kubectl-client-side-apply", "fieldValidation": "Strict"},
    }
    body = {"kind": "AdmissionReview", "apiVersion": "admission.k8s.io/v1", "request": request}
    with open(os.path.join(HERE, name + ".json"), "w") as f:
        # Compact, as kube-apiserver sends it (the release review is the ~11 KB benchmark body).
        json.dump(body, f, separators=(",", ":"))
        f.write("\n")


def with_status(d, status):
    d = copy.deepcopy(d)
    d["status"] = status
    return d


base = deployment("v1")
review("not-opted-in", "UPDATE", deployment("v2", enabled=False, managed=False), deployment("v1", enabled=False, managed=False))
review("leftover-managed-label", "UPDATE", deployment("v1", enabled=False), deployment("v1", enabled=True))
review("create", "CREATE", deployment("v1", labels=False, generation=1))
review("release", "UPDATE", deployment("v2", generation=8), base)
review("release-dry-run", "UPDATE", deployment("v2", generation=8), base, dry_run=True)
review("release-without-managed-label", "UPDATE", deployment("v2", managed=False, generation=8), deployment("v1", managed=False))
review("release-default-strategy", "UPDATE", deployment("v2", strategy=False, generation=8), deployment("v1", strategy=False))
review("scale-only", "UPDATE", deployment("v1", replicas=5, generation=8), base)
labelled = deployment("v1", generation=8)
labelled["metadata"]["labels"]["team"] = "payments"
labelled["metadata"]["annotations"]["owner"] = "payments@example.com"
review("labels-only", "UPDATE", labelled, base)
review("status-only", "UPDATE", with_status(base, {"observedGeneration": 7, "replicas": 4, "updatedReplicas": 3, "readyReplicas": 3, "availableReplicas": 3}), base)
review("replicas-zero", "UPDATE", deployment("v2", replicas=0, generation=8), deployment("v1", replicas=0))
mid = releasing("v2", "v2", "StepPaused")
review("second-change-mid-release", "UPDATE", releasing("v3", "v2", "StepPaused", generation=8), mid)
review("scale-mid-release", "UPDATE", releasing("v2", "v2", "StepPaused", replicas=6, generation=8), mid)
review("unpause-mid-release", "UPDATE", releasing("v2", "v2", "StepPaused", paused=False, generation=8), mid)
review("controller-promotes", "UPDATE", releasing("v2", "v2", "Promoting", paused=False, generation=8), mid)
finalizing = releasing("v2", "v2", "Finalizing", paused=False)
completed = deployment("v2", paused=False, generation=8, greylane={"greylane.dev/stable": "<hash:v1>", "greylane.dev/status": json.dumps({"phase": "Completed", "step": 2, "release": "<hash:v2>"}, separators=(",", ":"))})
review("controller-completes", "UPDATE", completed, finalizing)
review("revert-to-stable", "UPDATE", releasing("v1", "v2", "StepPaused", generation=8), mid)
review("opt-out-mid-release", "UPDATE", releasing("v2", "v2", "StepPaused", enabled=False, generation=8), mid)
replaced = deployment("v2", paused=False, generation=8)
review("replace-drops-release-annotations", "UPDATE", replaced, mid)
rolled = releasing("v2", "v2", "RolledBack")
review("resume-after-rollback", "UPDATE", releasing("v2", "v2", "RolledBack", paused=False, generation=8), rolled)
review("stable-after-rollback", "UPDATE", releasing("v1", "v2", "RolledBack", generation=8), rolled)
review("new-release-after-rollback", "UPDATE", releasing("v3", "v2", "RolledBack", generation=8), rolled)
# The webhook held release v2 before the controller saw it: the status still speaks of the completed release v1→… (v0).
stale = releasing("v2", "v2", "Completed", status_release="0000000000")
review("resume-with-stale-status", "UPDATE", releasing("v2", "v2", "Completed", status_release="0000000000", paused=False, generation=8), stale)
