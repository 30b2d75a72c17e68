#!/usr/bin/env bash
# Make a local base image for deploy/Dockerfile without any registry: a minimal Debian 12 with
# python3 and its venv module, built by debootstrap from a Debian mirror and imported into Docker.
#
#   sudo bash deploy/base-image.sh [TAG] [MIRROR]     # default: duban-base:bookworm, deb.debian.org
#   PYTHON_IMAGE=duban-base:bookworm bash deploy/check-image.sh
#
# Needs root, debootstrap (apt-get install debootstrap) and a running Docker daemon.
set -euo pipefail
TAG="${1:-duban-base:bookworm}"
MIRROR="${2:-http://deb.debian.org/debian}"
ROOTFS="$(mktemp -d)"
trap 'rm -rf "$ROOTFS"' EXIT
debootstrap --variant=minbase --include=python3,python3-venv,ca-certificates \
    bookworm "$ROOTFS" "$MIRROR" >&2
# the same sources layout as Debian's own images, so the Dockerfile's APT_MIRROR applies
rm -f "$ROOTFS/etc/apt/sources.list"
cat > "$ROOTFS/etc/apt/sources.list.d/debian.sources" <<SOURCES
Types: deb
URIs: $MIRROR
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
rm -rf "$ROOTFS"/var/cache/apt/archives/*.deb "$ROOTFS"/var/lib/apt/lists/*
tar -C "$ROOTFS" -c . | docker import --change 'CMD ["python3"]' - "$TAG" >&2
echo "$TAG"
