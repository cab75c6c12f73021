#!/usr/bin/env bash
# start-munge.sh DIR: a private munged for the cluster of DIR (socket, key, pid and
# log under DIR/munge), run as root. Does nothing if that munged is already running.
# Never `munged --force`: a second daemon takes over the socket, and stopping the
# first then deletes it, so every Slurm command fails with "Munge encode failed".
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: start-munge.sh DIR" >&2; exit 2; }
D=$1/munge
mkdir -p "$D/run" "$D/lib" "$D/log" "$D/etc"
chmod 0700 "$D/etc" "$D/lib" "$D/log"
chmod 0755 "$D/run"
if [ -f "$D/run/munged.pid" ] && kill -0 "$(cat "$D/run/munged.pid")" 2>/dev/null; then
  exit 0
fi
[ -f "$D/etc/munge.key" ] || mungekey --create --keyfile="$D/etc/munge.key"
chmod 0600 "$D/etc/munge.key"
munged --key-file="$D/etc/munge.key" --socket="$D/run/munge.socket.2" \
  --pid-file="$D/run/munged.pid" --seed-file="$D/lib/munged.seed" --log-file="$D/log/munged.log"
