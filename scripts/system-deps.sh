#!/usr/bin/env bash
# Install the system programs some tests use, when they are missing (Debian/Ubuntu, as root):
# LibreOffice Calc and poppler-utils render the ledger (台账) to PDF and PNG, and the Noto CJK
# fonts give those renderings their Chinese glyphs. Nothing else in Duban needs them.
#
#   sudo bash scripts/system-deps.sh
set -euo pipefail
missing=()
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-calc-nogui)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing+=(fonts-noto-cjk)
if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: missing ${missing[*]}; install them as root with apt-get" >&2
  exit 0
fi
echo "system-deps: installing ${missing[*]} ..." >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
