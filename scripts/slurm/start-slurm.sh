#!/usr/bin/env bash
# start-slurm.sh DIR: a private single-node Slurm cluster (munged, slurmctld, slurmd)
# whose configuration, state, logs and PID files all live under DIR. Prints
#   export SLURM_CONF=DIR/slurm.conf
# for `eval "$(scripts/slurm/start-slurm.sh DIR)"`. Stop it with stop-slurm.sh DIR.
# Needs root and the Debian packages slurmctld slurmd slurm-client munge.
#
# Ports: CTLD_PORT and SLURMD_PORT if set, otherwise a free pair picked at random,
# so that two clusters (two test runs) can share a machine.
# Exit codes: 0 node idle; 2 usage or missing packages; 1 the cluster did not come up
# (see DIR/log/).
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: start-slurm.sh DIR" >&2; exit 2; }
for tool in munged mungekey slurmctld slurmd sinfo; do
  command -v "$tool" >/dev/null || { echo "start-slurm.sh: $tool not found (apt-get install slurmctld slurmd slurm-client munge)" >&2; exit 2; }
done
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$1"
DIR=$(cd "$1" && pwd)
mkdir -p "$DIR/state" "$DIR/spool" "$DIR/run" "$DIR/log"

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if [ -z "${CTLD_PORT:-}" ]; then
  for _ in $(seq 50); do
    p=$((20000 + (RANDOM % 10000) * 2))
    port_in_use "$p" || port_in_use $((p + 1)) || { CTLD_PORT=$p; SLURMD_PORT=$((p + 1)); break; }
  done
fi
: "${CTLD_PORT:?no free port found}" "${SLURMD_PORT:=$((CTLD_PORT + 1))}"

CPUS=$(nproc)
MEM=$(( $(awk '/MemTotal/{print $2}' /proc/meminfo) / 1024 - 512 ))
(( MEM > 0 )) || MEM=1
sed -e "s#@DIR@#$DIR#g" -e "s#@CPUS@#$CPUS#" -e "s#@MEM@#$MEM#" \
    -e "s#@CTLD_PORT@#$CTLD_PORT#" -e "s#@SLURMD_PORT@#$SLURMD_PORT#" \
    "$here/slurm.conf.in" > "$DIR/slurm.conf"
export SLURM_CONF=$DIR/slurm.conf

"$here/start-munge.sh" "$DIR"
slurmctld -c -f "$SLURM_CONF"            # -c: fresh state; forks into the background
slurmd -N localhost -f "$SLURM_CONF"     # -N: the node name, whatever `hostname` says

# Up to 60 s for the node to register and turn idle.
for _ in $(seq 120); do
  [ "$(sinfo -h -N -o %T 2>/dev/null)" = idle ] && { echo "export SLURM_CONF=$SLURM_CONF"; exit 0; }
  sleep 0.5
done
echo "start-slurm.sh: node not idle after 60 s; logs in $DIR/log" >&2
sinfo -N -l >&2 || true
exit 1
