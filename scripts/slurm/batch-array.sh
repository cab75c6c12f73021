#!/usr/bin/env bash
# batch-array.sh: `imr batch` as a Slurm job array, one task per shard; the shards
# that failed are resubmitted once, then the shard stores are merged.
#
#   batch-array.sh run INPUT N OUT [options]      submit, wait, resubmit the failed shards
#                                                 once, wait, `imr merge OUT`
#   batch-array.sh submit INPUT N OUT [options] [--detach]
#                                                 submit the array and print the run
#                                                 directory; --detach also submits a job
#                                                 (--dependency=afterany) that resubmits the
#                                                 failed shards once and then merges
#   batch-array.sh wait RUN                       poll squeue until the run's jobs are gone
#   batch-array.sh retry RUN                      resubmit the failed shards (once a run), wait
#   batch-array.sh merge RUN                      `imr merge OUT` once every shard finished
#   batch-array.sh status RUN                     one line per shard: K, exit code, verdict
#
# INPUT is a directory (every *.pdf and *.txt under it) or @LIST (one path per line).
# The sorted, de-duplicated list is written once, as RUN/manifest.txt, and every
# task runs `imr batch @RUN/manifest.txt -o OUT --shard K/N` with K from
# SLURM_ARRAY_TASK_ID and N as given (never from Slurm: a resubmitted task sees
# SLURM_ARRAY_TASK_COUNT=1). RUN is OUT/slurm/run-<time>-<pid>; it holds the
# manifest, a copy of this script (what the jobs run), the task logs (logs/) and
# each shard's exit code (rc/shard-K), written by the task after imr returns.
#
# Options:  --imr PATH     the imr binary every node runs (default: $IMR, else imr on
#                          PATH, else bin/imr of the install prefix this script is in)
#           --throttle P   at most P tasks at once (--array=0-(N-1)%P)
#           --cpus C       CPUs per task (sbatch -c C, imr batch --jobs C); default 1
#           --poll S       seconds between squeue polls; default 5
# sbatch's own variables (SBATCH_PARTITION, SBATCH_TIMELIMIT, SBATCH_ACCOUNT, ...) apply.
#
# A shard is finished when its task wrote exit code 0 (clean) or 1 (some records carry
# problems: bad inputs, a rerun changes nothing) and its store OUT/imr-shard-K-of-N.sqlite
# exists. Exit code 2 (usage or configuration) is never retried. Everything else is
# retried once: exit 75 (imr's "retryable"), a crash or signal, a task Slurm reports
# as anything but COMPLETED, and a task that left no exit code at all (killed, node
# lost, or a scheduler that "completed" a job that never ran).
#
# Exit codes (imr's): 0 merged, all clean; 1 merged, some records carry problems;
# 2 usage or configuration error (a shard said 2, or bad arguments); 75 some shard
# is still unfinished after its retry (nothing merged; `imr batch` is resumable, so
# the next run redoes only what is missing).
set -uo pipefail

readonly kUsage=2 kRetryable=75

die_usage() { echo "batch-array.sh: $*" >&2; exit $kUsage; }
say() { echo "batch-array.sh: $*" >&2; }

# --- configuration of a run ----------------------------------------------------

# load_run RUN: the variables submit saved (IMR MANIFEST OUT N CPUS THROTTLE POLL WORKDIR).
load_run() {
  RUN=$(cd "$1" 2>/dev/null && pwd) || die_usage "no run directory $1"
  [ -f "$RUN/config" ] || die_usage "$RUN is not a run directory (no config)"
  # shellcheck disable=SC1091
  source "$RUN/config"
}

save_run() {
  {
    for v in IMR MANIFEST OUT N CPUS THROTTLE POLL WORKDIR; do
      printf '%s=%q\n' "$v" "${!v}"
    done
  } > "$RUN/config"
}

find_imr() {
  local candidate=${IMR:-}
  [ -n "$candidate" ] || candidate=$(command -v imr 2>/dev/null) ||
    candidate="$(cd "$(dirname "$0")" && pwd)/../../../bin/imr"
  [ -x "$candidate" ] || die_usage "no imr binary (give --imr PATH or set IMR)"
  readlink -f "$candidate"
}

# write_manifest INPUT FILE: the sorted list of inputs, one path per line, as imr
# batch reads it: from a list, blank lines and #-comments left out; from a
# directory, every *.pdf and *.txt file, hidden files and folders left out.
write_manifest() {
  local input=$1 file=$2
  if [[ $input == @* ]]; then
    grep -v -e '^[[:space:]]*$' -e '^#' "${input#@}" | LC_ALL=C sort -u > "$file"
  else
    find "$input" -mindepth 1 -name '.*' -prune -o \
      -type f \( -iname '*.pdf' -o -iname '*.txt' \) -print | LC_ALL=C sort -u > "$file"
  fi
}

# --- Slurm ---------------------------------------------------------------------

# submit_array SPEC: the tasks of SPEC (0-7, or 3,5) as one array job; prints its id.
submit_array() {
  local spec=$1 id
  [ -n "$THROTTLE" ] && spec="$spec%$THROTTLE"
  id=$(sbatch --parsable --job-name=imr-batch --array="$spec" --cpus-per-task="$CPUS" \
         --chdir="$WORKDIR" --output="$RUN/logs/%A_%a.out" \
         "$RUN/batch-array.sh" task "$RUN") || return 1
  id=${id%%;*}
  echo "$id" >> "$RUN/jobs"
  echo "$id"
}

# wait_jobs: until none of the run's jobs is pending or running. Polls squeue
# (sbatch --wait backs off to long intervals) job by job: a job Slurm has
# forgotten (finished more than MinJobAge ago) is done. A failing squeue
# (controller restarting) is retried for up to 10 minutes before giving up.
wait_jobs() {
  local id out failing_since=""
  while read -r id; do
    while :; do
      if out=$(squeue -h -j "$id" -o %i 2>&1 </dev/null); then
        failing_since=""
        [ -z "$out" ] && break
      elif [[ $out == *"Invalid job id"* ]]; then
        break
      else
        [ -n "$failing_since" ] || failing_since=$SECONDS
        (( SECONDS - failing_since < 600 )) || { say "squeue keeps failing: $out"; return 1; }
      fi
      sleep "$POLL"
    done
  done < "$RUN/jobs"
}

# slurm_failed_tasks JOB: array task ids of JOB that Slurm reports as anything but
# COMPLETED, apart from exit codes 1 and 2 (a rerun would say the same). Nothing
# when Slurm has forgotten the job (MinJobAge); the exit-code files still count.
slurm_failed_tasks() {
  scontrol -o show job "$1" 2>/dev/null | while read -r line; do
    local task state code
    task=$(grep -oE 'ArrayTaskId=[0-9]+' <<<"$line" | cut -d= -f2)
    state=$(grep -oE 'JobState=[A-Z_]+' <<<"$line" | cut -d= -f2)
    code=$(grep -oE 'ExitCode=[0-9]+:[0-9]+' <<<"$line" | cut -d= -f2)
    [ -n "$task" ] || continue
    [ "$state" = COMPLETED ] && continue
    [ "$code" = 1:0 ] || [ "$code" = 2:0 ] && continue
    echo "$task"
  done
}

# --- shards --------------------------------------------------------------------

shard_rc() { cat "$RUN/rc/shard-$1" 2>/dev/null || echo none; }

# shard_verdict K: done, bad_config or retry (see the header).
shard_verdict() {
  local rc
  rc=$(shard_rc "$1")
  case $rc in
    0|1) if [ -f "$OUT/imr-shard-$1-of-$N.sqlite" ]; then echo "done"; else echo retry; fi ;;
    2) echo bad_config ;;
    *) echo retry ;;
  esac
}

# shards_to_retry: comma-separated shard numbers, from the exit-code files and the
# Slurm states of the run's first array (what retry_once looks at).
shards_to_retry() {
  local k first
  first=$(head -n1 "$RUN/jobs")
  {
    for ((k = 0; k < N; k++)); do
      [ "$(shard_verdict "$k")" = retry ] && echo "$k"
    done
    for k in $(slurm_failed_tasks "$first"); do
      [ "$(shard_verdict "$k")" = bad_config ] || echo "$k"
    done
  } | sort -nu | paste -sd,
}

print_status() {
  local k
  for ((k = 0; k < N; k++)); do
    printf 'shard %d/%d exit %s %s\n' "$k" "$N" "$(shard_rc "$k")" "$(shard_verdict "$k")"
  done
}

# retry_once: resubmits the shards to retry, unless this run did already. Prints the
# new job id (nothing when no shard needs it).
retry_once() {
  local failed
  failed=$(shards_to_retry)
  [ -n "$failed" ] || return 0
  if [ -e "$RUN/retried" ]; then
    say "shards $failed failed again; not retried a second time"
    return 0
  fi
  touch "$RUN/retried"
  say "resubmitting shards $failed"
  submit_array "$failed"
}

# merge_if_finished: `imr merge OUT` when every shard is done; the run's exit code.
merge_if_finished() {
  local k verdict worst=0 rc unfinished="" bad=""
  for ((k = 0; k < N; k++)); do
    verdict=$(shard_verdict "$k")
    case $verdict in
      done) [ "$(shard_rc "$k")" = 1 ] && worst=1 ;;
      bad_config) bad="$bad $k" ;;
      *) unfinished="$unfinished $k" ;;
    esac
  done
  if [ -n "$bad" ]; then
    say "shards$bad exited 2 (usage or configuration error); see $RUN/logs; nothing merged"
    return $kUsage
  fi
  if [ -n "$unfinished" ]; then
    say "shards$unfinished did not finish; see $RUN/logs; nothing merged (rerun: imr batch resumes)"
    return $kRetryable
  fi
  (cd "$WORKDIR" && "$IMR" merge "$OUT")
  rc=$?
  case $rc in
    0) ;;
    1) worst=1 ;;
    *) say "imr merge $OUT exited $rc"; return $rc ;;
  esac
  say "merged $N shards into $OUT/imr.sqlite"
  return $worst
}

# --- subcommands ---------------------------------------------------------------

cmd_submit() {  # INPUT N OUT [options] [--detach]; sets RUN
  local input="" out="" detach=0 j
  N="" CPUS=1 THROTTLE="" POLL=5 IMR=${IMR:-}
  while [ $# -gt 0 ]; do
    case $1 in
      --imr) IMR=${2:?--imr PATH}; shift 2 ;;
      --throttle) THROTTLE=${2:?--throttle P}; shift 2 ;;
      --cpus) CPUS=${2:?--cpus C}; shift 2 ;;
      --poll) POLL=${2:?--poll S}; shift 2 ;;
      --detach) detach=1; shift ;;
      -*) die_usage "unknown option $1" ;;
      *) if [ -z "$input" ]; then input=$1; elif [ -z "$N" ]; then N=$1;
         elif [ -z "$out" ]; then out=$1; else die_usage "extra argument $1"; fi; shift ;;
    esac
  done
  [ -n "$out" ] || die_usage "usage: batch-array.sh run|submit INPUT N OUT [options]"
  [[ $N =~ ^[1-9][0-9]*$ ]] || die_usage "N must be a positive integer: $N"
  [[ $CPUS =~ ^[1-9][0-9]*$ ]] || die_usage "--cpus must be a positive integer: $CPUS"
  [[ -z $THROTTLE || $THROTTLE =~ ^[1-9][0-9]*$ ]] || die_usage "--throttle must be a positive integer"
  command -v sbatch >/dev/null || die_usage "sbatch not found (slurm-client)"
  if [[ $input == @* ]]; then
    [ -r "${input#@}" ] || die_usage "cannot read the list ${input#@}"
  else
    [ -d "$input" ] || die_usage "INPUT must be a directory or @LIST: $input"
  fi
  IMR=$(find_imr) || exit $kUsage
  WORKDIR=$PWD
  mkdir -p "$out" || die_usage "cannot create $out"
  OUT=$(cd "$out" && pwd)
  RUN=$OUT/slurm/run-$(date +%Y%m%dT%H%M%S)-$$
  mkdir -p "$RUN/logs" "$RUN/rc" || die_usage "cannot create $RUN"
  MANIFEST=$RUN/manifest.txt
  write_manifest "$input" "$MANIFEST"
  cp "$0" "$RUN/batch-array.sh"
  save_run
  : > "$RUN/jobs"
  say "$(wc -l < "$MANIFEST") inputs in $N shards; run directory $RUN"
  j=$(submit_array "0-$((N - 1))") || { say "sbatch failed"; exit $kRetryable; }
  say "array job $j"
  if ((detach)); then
    j=$(sbatch --parsable --job-name=imr-finish --dependency="afterany:$j" --chdir="$WORKDIR" \
          --output="$RUN/logs/finish-%j.out" "$RUN/batch-array.sh" finish "$RUN") ||
      { say "sbatch of the finishing job failed"; exit $kRetryable; }
    say "finishing job ${j%%;*} (retries failed shards once, then merges)"
  fi
  echo "$RUN"
}

# task RUN: one array task (what sbatch runs). The exit-code file is written only
# after imr returns, so a task that never ran or was killed leaves none.
cmd_task() {
  load_run "$1"
  local k=${SLURM_ARRAY_TASK_ID:?not in a Slurm array task} rc
  "$IMR" batch "@$MANIFEST" -o "$OUT" --shard "$k/$N" --jobs "$CPUS"
  rc=$?
  printf '%s\n' "$rc" > "$RUN/rc/.shard-$k.$$" && mv -f "$RUN/rc/.shard-$k.$$" "$RUN/rc/shard-$k"
  exit $rc
}

# finish RUN: the detached run's tail, run by Slurm after an array ends: resubmit
# the failed shards once (and itself after them), or merge.
cmd_finish() {
  load_run "$1"
  local j
  if [ ! -e "$RUN/retried" ] && j=$(retry_once) && [ -n "$j" ]; then
    sbatch --parsable --job-name=imr-finish --dependency="afterany:$j" --chdir="$WORKDIR" \
      --output="$RUN/logs/finish-%j.out" "$RUN/batch-array.sh" finish "$RUN" >/dev/null ||
      { say "sbatch of the finishing job failed"; exit $kRetryable; }
    exit 0
  fi
  print_status >&2
  merge_if_finished
  local rc=$?
  echo "$rc" > "$RUN/result"
  exit $rc
}

cmd_run() {
  local RUN j
  RUN=$(cmd_submit "$@") || exit $?
  load_run "$RUN"
  wait_jobs || exit $kRetryable
  j=$(retry_once) || exit $kRetryable
  if [ -n "$j" ]; then wait_jobs || exit $kRetryable; fi
  print_status >&2
  merge_if_finished
  local rc=$?
  echo "$rc" > "$RUN/result"
  exit $rc
}

case ${1:-} in
  run) shift; cmd_run "$@" ;;
  submit) shift; cmd_submit "$@" ;;
  wait) load_run "${2:?usage: batch-array.sh wait RUN}"; wait_jobs || exit $kRetryable ;;
  retry) load_run "${2:?usage: batch-array.sh retry RUN}"
         j=$(retry_once) || exit $kRetryable
         if [ -n "$j" ]; then wait_jobs || exit $kRetryable; fi ;;
  merge) load_run "${2:?usage: batch-array.sh merge RUN}"; merge_if_finished; rc=$?
         echo "$rc" > "$RUN/result"; exit $rc ;;
  status) load_run "${2:?usage: batch-array.sh status RUN}"; print_status ;;
  task) cmd_task "${2:?}" ;;
  finish) cmd_finish "${2:?}" ;;
  *) sed -n '2,/^set -uo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2; exit $kUsage ;;
esac
