#!/bin/sh
# Back up Duban's data directory and keep only the newest backups.
#
#     duban-backup.sh [BACKUP_ROOT [KEEP]]
#
# Writes BACKUP_ROOT/duban-YYYYmmdd-HHMMSS with `duban store backup` (a consistent copy, safe
# while the bot runs), checks the copy with `duban store check`, then deletes the oldest
# BACKUP_ROOT/duban-* entries beyond the newest KEEP. BACKUP_ROOT defaults to /var/backups/duban,
# KEEP to 14. The data directory comes from DUBAN_DATA_DIR, as for every duban command, and
# `duban` is looked up on PATH. Used by duban-backup.service and by the compose `backup` service.
set -eu

root=${1:-/var/backups/duban}
keep=${2:-14}

case $keep in
    '' | *[!0-9]* | 0)
        echo "duban-backup: KEEP must be a whole number of at least 1, not '$keep'" >&2
        exit 2
        ;;
esac
if [ ! -d "$root" ] || [ ! -w "$root" ]; then
    echo "duban-backup: $root is not a directory this user ($(id -un)) can write to" >&2
    exit 1
fi

stamp=$(date +%Y%m%d-%H%M%S)
final="$root/duban-$stamp"
partial="$root/.partial-duban-$stamp"
if [ -e "$final" ] || [ -e "$partial" ]; then
    echo "duban-backup: $final already exists" >&2
    exit 1
fi

# A failed or interrupted run leaves nothing behind that pruning would count as a backup.
trap 'rm -rf -- "$partial"' EXIT
trap 'exit 1' HUP INT TERM
duban store backup "$partial"
duban store check --data-dir "$partial"
mv -- "$partial" "$final"
trap - EXIT
echo "duban-backup: wrote $final"

# The names sort by time, so the glob lists the oldest first.
set -- "$root"/duban-*
[ -e "$1" ] || exit 0
excess=$(($# - keep))
while [ "$excess" -gt 0 ]; do
    rm -rf -- "$1"
    echo "duban-backup: removed $1"
    shift
    excess=$((excess - 1))
done
