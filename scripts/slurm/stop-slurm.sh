#!/usr/bin/env bash
# stop-slurm.sh DIR: cancels the jobs of the cluster started by start-slurm.sh DIR,
# then stops slurmd, slurmctld and munged by their PID files under DIR (never by
# name: other clusters may run on the same machine). Each gets SIGTERM and up to
# 5 s, then SIGKILL. Safe to run twice, or on a cluster that half started.
set -uo pipefail
[ $# -eq 1 ] || { echo "usage: stop-slurm.sh DIR" >&2; exit 2; }
DIR=$(cd "$1" 2>/dev/null && pwd) || exit 0

# stop PIDFILE NAME: signal the process of PIDFILE if it is still NAME (the PID may
# have been reused since).
stop() {
  local pidfile=$1 name=$2 pid
  [ -f "$pidfile" ] || return 0
  pid=$(cat "$pidfile" 2>/dev/null) || return 0
  [[ $pid =~ ^[0-9]+$ ]] || return 0
  [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$name" ] || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 50); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null
}

# Jobs first (running tasks would otherwise outlive their slurmd), up to 10 s.
if [ -f "$DIR/slurm.conf" ] && [ -f "$DIR/run/slurmctld.pid" ] &&
   kill -0 "$(cat "$DIR/run/slurmctld.pid")" 2>/dev/null; then
  export SLURM_CONF=$DIR/slurm.conf
  jobs=$(squeue -h -o %A 2>/dev/null | sort -u)
  if [ -n "$jobs" ]; then
    # shellcheck disable=SC2086 # one id a word
    scancel $jobs 2>/dev/null
    for _ in $(seq 100); do
      [ -z "$(squeue -h -o %A 2>/dev/null)" ] && break
      sleep 0.1
    done
  fi
fi

stop "$DIR/run/slurmd.pid" slurmd
stop "$DIR/run/slurmctld.pid" slurmctld
stop "$DIR/munge/run/munged.pid" munged
exit 0
