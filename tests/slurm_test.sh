#!/usr/bin/env bash
# slurm_test.sh IMR SOURCE_DIR: `imr batch` as a Slurm job array on a real
# single-node cluster (scripts/slurm/), started in a temporary directory and
# always stopped again.
#
# 15 inputs (the corpus PDFs but the scanned one, whose OCR takes 13 s; the
# corpus/src texts; all under distinct names; and one truncated PDF) go through
# scripts/slurm/batch-array.sh in 8 shards. One shard
# fails for real the first time: the path its record is written to is taken by a
# directory, so imr cannot rename the record into place and the shard exits 75
# (retryable). The test clears the path, resubmits through `batch-array.sh retry`
# (which must resubmit that shard alone), merges, and then checks the records
# themselves: one per input, each valid imr.record/1 JSON naming its input, and as
# many documents in OUT/imr.sqlite as records. A second, one-shot `batch-array.sh
# run` over the same list must leave every record as it was (imr batch resumes).
#
# Exit codes: 0 pass, 1 fail, 77 skipped (no Slurm packages, not root, no sqlite3).
set -euo pipefail

IMR=$(readlink -f "${1:-${IMR_BINARY:-build/imr}}")
SRC=$(cd "${2:-${IMR_SOURCE_DIR:-.}}" && pwd)
SLURM=$SRC/scripts/slurm

skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { printf '[%5.1fs] %s\n' "$(( $(date +%s%N) / 1000000 - T0 ))e-3" "$*"; }
T0=$(( $(date +%s%N) / 1000000 ))

for tool in munged mungekey slurmctld slurmd sbatch squeue scontrol sinfo; do
  command -v "$tool" >/dev/null ||
    skip "Slurm packages absent ($tool not found); bash scripts/setup.sh installs slurmctld slurmd slurm-client munge"
done
command -v sqlite3 >/dev/null || skip "sqlite3 not found (bash scripts/setup.sh installs it)"
[ "$(id -u)" -eq 0 ] || skip "the test cluster runs its daemons and jobs as root"
[ -x "$IMR" ] || fail "no imr binary at $IMR"

# Short (munge's socket path must fit in 108 bytes) and searchable by all (munged
# refuses a socket under a directory others cannot search).
T=$(mktemp -d /tmp/imr-slurm.XXXXXX)
chmod 0711 "$T"
cleanup() {
  "$SLURM/stop-slurm.sh" "$T/cluster" || true
  if [ "${KEEP_SLURM_TEST:-0}" = 1 ]; then echo "kept $T"; else rm -rf "$T"; fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM

step "starting a single-node cluster in $T/cluster"
env=$("$SLURM/start-slurm.sh" "$T/cluster") || fail "the cluster did not start; logs in $T/cluster/log"
eval "$env"
step "cluster up"

# Inputs under distinct stems; the list is written unsorted on purpose.
mkdir -p "$T/in" "$T/out"
for f in "$SRC"/corpus/*.pdf; do
  case $f in *scanned*) continue ;; esac  # OCR: 13 s, too slow for this test
  cp "$f" "$T/in/pdf-$(basename "$f")"
done
for f in "$SRC"/corpus/src/*.txt; do cp "$f" "$T/in/txt-$(basename "$f")"; done
cp "$SRC/corpus/errors/truncated.pdf" "$T/in/broken-truncated.pdf"
find "$T/in" -type f | LC_ALL=C sort -r > "$T/list.txt"
inputs=$(wc -l < "$T/list.txt")
(( inputs == 15 )) || fail "expected 15 inputs, made $inputs"

# The transient failure: a directory where the record of txt-rfa.txt goes.
victim=$T/in/txt-rfa.txt
mkdir -p "$T/out/txt-rfa.json/occupied"

cd "$T"
RUN=$("$SLURM/batch-array.sh" submit "@$T/list.txt" 8 "$T/out" --imr "$IMR" --poll 0.5) ||
  fail "batch-array.sh submit failed"
"$SLURM/batch-array.sh" wait "$RUN" || fail "batch-array.sh wait failed"
step "first array done"
"$SLURM/batch-array.sh" status "$RUN" | tee "$T/status1"

# Exactly one shard failed, with 75, and Slurm saw it fail.
grep -c ' retry$' "$T/status1" | grep -qx 1 || fail "expected exactly one failed shard"
read -r _ shard _ code _ < <(grep ' retry$' "$T/status1")
victim_shard=${shard%/*}
[ "$code" = 75 ] || fail "the failed shard exited $code, not 75"
first=$(head -n1 "$RUN/jobs")
scontrol -o show job "$first" | grep "ArrayTaskId=$victim_shard " | grep -q 'ExitCode=75:0' ||
  fail "Slurm does not report task $victim_shard of job $first as exit 75"
grep -q "$victim" "$RUN/manifest.txt" || fail "the manifest lacks $victim"
[ ! -f "$T/out/imr.sqlite" ] || fail "merged before the run finished"

rm -rf "$T/out/txt-rfa.json"
"$SLURM/batch-array.sh" retry "$RUN" || fail "batch-array.sh retry failed"
step "retry done"
[ "$(wc -l < "$RUN/jobs")" = 2 ] || fail "expected one resubmission"
second=$(tail -n1 "$RUN/jobs")
retried=$(scontrol -o show job "$second" | grep -oE 'ArrayTaskId=[0-9]+' | cut -d= -f2 | paste -sd,)
[ "$retried" = "$victim_shard" ] || fail "resubmitted tasks '$retried', expected shard $victim_shard alone"

set +e
"$SLURM/batch-array.sh" merge "$RUN"
rc=$?
set -e
step "merge exited $rc"
[ "$rc" = 1 ] || fail "merge run exit $rc, expected 1 (the truncated PDF's record carries a problem)"

# The records themselves: one per input, valid, naming their input.
json() { sqlite3 :memory: "select $2 from (select readfile('$1') as r)"; }
: > "$T/sources"
count=0
for f in "$T"/out/*.json; do
  [ -f "$f" ] || fail "not a record file: $f"
  [ "$(json "$f" 'json_valid(r)')" = 1 ] || fail "invalid JSON: $f"
  [ "$(json "$f" "json_extract(r, '\$.schema')")" = imr.record/1 ] || fail "not imr.record/1: $f"
  json "$f" "json_extract(r, '\$.source.path')" >> "$T/sources"
  count=$((count + 1))
done
(( count == inputs )) || fail "$count records for $inputs inputs"
LC_ALL=C sort "$T/sources" | diff - <(LC_ALL=C sort "$T/list.txt") ||
  fail "the records' source paths are not the inputs, one each"
broken=$(grep -l 'broken-truncated' "$T"/out/*.json)
[ "$(json "$broken" "json_array_length(r, '\$.problems')")" -gt 0 ] || fail "no problem in the broken file's record"

# The merged store holds every document once.
docs=$(sqlite3 "$T/out/imr.sqlite" 'select count(*) from documents')
(( docs == count )) || fail "merged store has $docs documents, $count records"
step "records checked: $count records, $docs documents"

# A one-shot run over the same list resumes: nothing is processed again.
stat -c '%n %i %Y %s' "$T"/out/*.json > "$T/before"
set +e
"$SLURM/batch-array.sh" run "@$T/list.txt" 8 "$T/out" --imr "$IMR" --poll 0.5
rc=$?
set -e
step "second run exited $rc"
[ "$rc" = 1 ] || fail "second run exit $rc, expected 1"
stat -c '%n %i %Y %s' "$T"/out/*.json | diff "$T/before" - || fail "the second run rewrote records"
docs=$(sqlite3 "$T/out/imr.sqlite" 'select count(*) from documents')
(( docs == count )) || fail "after the second run the store has $docs documents, $count records"
step "pass"
