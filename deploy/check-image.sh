#!/usr/bin/env bash
# Build the Duban image and check it works, offline, against the Bot API sandbox:
#
#   1. docker build (deploy/Dockerfile, base image $PYTHON_IMAGE, extra $DOCKER_BUILD_ARGS);
#   2. `duban sandbox` in a container: a fake Telegram on the container's loopback;
#   3. `duban check` in a second container sharing that network: every check must pass;
#   4. `duban run` in a third one until Docker's HEALTHCHECK (`duban health`) says healthy.
#
#   bash deploy/check-image.sh
#   PYTHON_IMAGE=duban-base:bookworm bash deploy/check-image.sh     # a local base (base-image.sh)
#   DOCKER_BUILD_ARGS="--build-arg PIP_INDEX_URL=https://mirror/simple" bash deploy/check-image.sh
#   EXTRA_CA_CERT="$(cat company-ca.pem)" bash deploy/check-image.sh   # TLS re-signed on the way
#
# Exit 0 when all passed; 2 when no Docker daemon answers. Nothing is pushed anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."
IMAGE="${IMAGE:-duban:check}"
PYTHON_IMAGE="${PYTHON_IMAGE:-python:3.12-slim}"
TOKEN="123456789:AAcheckImageSandboxTokenABCDEFGHIJ"
RUN_ID="duban-check-$$"

if ! docker info >/dev/null 2>&1; then
  echo "check-image: no Docker daemon answers (start it: sudo systemctl start docker)" >&2
  exit 2
fi
step() { printf '\n== %s\n' "$*"; }
cleanup() { docker rm -f "$RUN_ID-sandbox" "$RUN_ID-run" >/dev/null 2>&1 || true; rm -rf "$WORK"; }
WORK="$(mktemp -d)"
trap cleanup EXIT

step "build $IMAGE from $PYTHON_IMAGE"
started=$(date +%s)
# shellcheck disable=SC2086 # DOCKER_BUILD_ARGS is a list of arguments
docker build --quiet -f deploy/Dockerfile -t "$IMAGE" \
    --build-arg PYTHON_IMAGE="$PYTHON_IMAGE" ${EXTRA_CA_CERT:+--build-arg "EXTRA_CA_CERT=$EXTRA_CA_CERT"} \
    ${DOCKER_BUILD_ARGS:-} . >/dev/null
echo "built in $(( $(date +%s) - started )) s; $(docker image inspect "$IMAGE" \
    --format '{{.Size}}' | awk '{printf "%.0f MB", $1 / 1e6}')"
docker run --rm "$IMAGE" duban --version

step "sandbox"
docker run -d --name "$RUN_ID-sandbox" "$IMAGE" \
    duban sandbox --port 8081 --token "$TOKEN" --rate-limits off --strict-spec on >/dev/null
for _ in $(seq 50); do
  docker exec "$RUN_ID-sandbox" python3 -c \
      "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8081/bot$TOKEN/getMe')" \
      >/dev/null 2>&1 && break
  sleep 0.2
done

# the holiday data `duban check` wants for the next 60 days, for years the package lacks
year=$(date +%Y)
printf '%s-01-01 holiday 元旦\n%s-01-01 holiday 元旦\n' "$year" "$((year + 1))" > "$WORK/holidays"
chmod 0644 "$WORK/holidays"
settings=(
  --network "container:$RUN_ID-sandbox"
  -e DUBAN_BOT_TOKEN="$TOKEN" -e DUBAN_BOT_API_URL=http://127.0.0.1:8081
  -e DUBAN_ADMIN_IDS=1 -e DUBAN_HOLIDAY_FILE=/etc/duban/holidays
  -v "$WORK/holidays:/etc/duban/holidays:ro"
)

step "duban check inside the image"
docker run --rm "${settings[@]}" "$IMAGE" duban check

step "duban run until the container is healthy"
docker run -d --name "$RUN_ID-run" "${settings[@]}" --health-interval 3s \
    --health-start-period 60s "$IMAGE" >/dev/null
status=starting
for _ in $(seq 60); do
  status=$(docker inspect --format '{{.State.Health.Status}}' "$RUN_ID-run")
  [ "$status" = healthy ] || [ "$status" = unhealthy ] && break
  sleep 1
done
docker exec "$RUN_ID-run" duban health || true
echo "container health: $status"
docker logs "$RUN_ID-run" 2>&1 | tail -n 5
if docker logs "$RUN_ID-run" 2>&1 | grep -q "${TOKEN#*:}"; then
  echo "check-image: the token appeared in the logs" >&2
  exit 1
fi
[ "$status" = healthy ]
echo
echo "check-image: OK"
