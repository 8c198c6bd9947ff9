#!/usr/bin/env bash
# Builds one image per service of services/services.json with
# deploy/docker/Dockerfile (needs a Docker or BuildKit engine):
#   deploy/docker/build.sh [TAG] [REGISTRY/PREFIX]   e.g. 0.1.0 registry.example/lawenforce
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
tag="${1:-0.1.0}"
prefix="${2:-lawenforce}"
while IFS=$'\t' read -r name _bin grpc metrics health _calls; do
  echo "==== $name-service"
  DOCKER_BUILDKIT=1 docker build -f "$root/deploy/docker/Dockerfile" \
    --build-arg SERVICE="$name" --build-arg GRPC_PORT="$grpc" \
    --build-arg METRICS_PORT="$metrics" --build-arg HEALTH_PORT="$health" \
    -t "$prefix/$name-service:$tag" "$root"
done < <(/usr/bin/python3 "$root/scripts/lib/devstack.py" services)
