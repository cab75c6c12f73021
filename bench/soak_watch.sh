#!/usr/bin/env bash
# Soak check of `imr watch` (issue 12): N files (500) dropped into an inbox in
# bursts while the watcher is killed with SIGKILL twice and restarted, then
# stopped with SIGTERM; every invariant checked at the end.
#
# The inputs are the dev letters (../shared/data/dwc-letters/pdf) copied under
# new names, each copy made distinct by a PDF comment appended after %%EOF,
# with 2% broken files (random bytes, or a PDF cut after 300 bytes), a few
# exact copies of earlier inputs (duplicates), some written slowly in place
# (one open descriptor, six chunks over three seconds) and some delivered as
# NAME.part and renamed. At the end it checks that every input ended exactly
# once, unchanged, in processed/ or failed/ (the broken ones in failed/ with
# their .error.json), one record per input naming it and its content, no
# temporary file left in OUT or INBOX, .processing/ empty, the store's
# document count equal to the record count, logs of one event a line; and it
# prints the figures. Exit 0 when every check holds, 1 otherwise.
#
# Usage: bash bench/soak_watch.sh
# Environment: IMR (default build/imr), N (500), JOBS (1), STABLE (2 s),
# POLL (0.5 s), KEEP=1 keeps the work folder.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
imr="${IMR:-$root/build/imr}"
letters="$root/../shared/data/dwc-letters/pdf"
if [[ ! -d "$letters" ]]; then
  echo "soak_watch: $letters is absent; skipped"
  exit 0
fi
[[ -x "$imr" ]] || { echo "soak_watch: build first (cmake -S . -B build && cmake --build build)" >&2; exit 2; }
command -v sqlite3 >/dev/null || { echo "soak_watch: sqlite3 missing (scripts/setup.sh installs it)" >&2; exit 2; }

n_inputs="${N:-500}"
jobs="${JOBS:-1}"
stable="${STABLE:-2}"
poll="${POLL:-0.5}"
work="$(mktemp -d /tmp/imr-soak.XXXXXX)"
inbox="$work/inbox" out="$work/out" stage="$work/stage"
mkdir -p "$inbox" "$stage"
watcher=""
writers=()
cleanup() {
  [[ -n "$watcher" ]] && kill -KILL "$watcher" 2>/dev/null || true
  for w in "${writers[@]}"; do kill "$w" 2>/dev/null || true; done
  if [[ "${KEEP:-0}" == 1 ]]; then echo "soak_watch: work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
RANDOM=12  # the same drops, bursts and kills every run
now() { date +%s.%N; }
start_time=$(now)
elapsed() { echo "$(now) - $start_time" | bc -l | xargs printf '%.1f'; }

# 1. The inputs, made in stage/ (the inbox's filesystem, so a drop is a rename).
mapfile -t pdfs < <(find "$letters" -maxdepth 1 -name '*.pdf' | sort)
manifest="$work/manifest"  # name sha256 kind
: > "$manifest"
n_broken=0 n_dup=0 n_slow=0 n_part=0
for ((i = 1; i <= n_inputs; i++)); do
  name=$(printf 'soak-%04d.pdf' "$i")
  kind=letter
  if ((i % 50 == 25)); then
    kind=broken
    if ((n_broken % 2 == 0)); then
      head -c $((RANDOM % 20000 + 100)) /dev/urandom > "$stage/$name"
    else
      head -c 300 "${pdfs[i % ${#pdfs[@]}]}" > "$stage/$name"
    fi
    n_broken=$((n_broken + 1))
  elif ((i % 50 == 40)); then
    kind=duplicate
    cp "$stage/$(printf 'soak-%04d.pdf' $((i - 7)))" "$stage/$name"
    n_dup=$((n_dup + 1))
  else
    cp "${pdfs[(i - 1) % ${#pdfs[@]}]}" "$stage/$name"
    printf '\n%% imr soak copy %d\n' "$i" >> "$stage/$name"
  fi
  if [[ $kind != duplicate ]] && ((i % 60 == 7)); then kind="$kind,slow"; n_slow=$((n_slow + 1)); fi
  if [[ $kind != duplicate ]] && ((i % 60 == 37)); then kind="$kind,part"; n_part=$((n_part + 1)); fi
  echo "$name $(sha256sum "$stage/$name" | cut -d' ' -f1) $kind" >> "$manifest"
done

# 2. The watcher, started again after each kill; each run logs to its own file.
runs=0
start_watcher() {
  runs=$((runs + 1))
  "$imr" watch "$inbox" -o "$out" --stable-seconds "$stable" --poll-seconds "$poll" --jobs "$jobs" \
    2> "$work/watch-$runs.log" &
  watcher=$!
}
claimed() { find "$inbox/.processing" -maxdepth 1 -type f ! -name '.*' 2>/dev/null | wc -l; }
kills=()
kill_watcher() {
  # Wait (up to 10 s) for a document in hand, so the kill falls mid-document.
  for ((t = 0; t < 2000; t++)); do (($(claimed) > 0)) && break; sleep 0.005; done
  local in_hand; in_hand=$(claimed)
  kill -KILL "$watcher"
  wait "$watcher" 2>/dev/null || true
  kills+=("at $(elapsed) s with $in_hand in .processing/")
  sleep 0.5
  start_watcher
}

write_slowly() {  # SRC DST: six chunks through one descriptor, over three seconds
  local size chunk fd
  size=$(stat -c %s "$1")
  chunk=$((size / 6 + 1))
  exec {fd}> "$2"
  for ((k = 0; k < 6; k++)); do
    dd if="$1" bs="$chunk" skip="$k" count=1 status=none >&"$fd"
    sleep 0.5
  done
  exec {fd}>&-
  rm -f "$1"
}

deliver() {  # NAME KIND
  local name=$1 kind=$2
  if [[ $kind == *slow* ]]; then
    write_slowly "$stage/$name" "$inbox/$name" &
    writers+=($!)
  elif [[ $kind == *part* ]]; then
    cp "$stage/$name" "$inbox/$name.part"
    mv "$inbox/$name.part" "$inbox/$name"
    rm -f "$stage/$name"
  else
    mv "$stage/$name" "$inbox/$name"
  fi
}

# 3. Drops in bursts of 5 to 60, a pause of 0.2 to 2 s between; a kill after
# about a third and two thirds of the inputs.
start_watcher
mapfile -t rows < "$manifest"
bursts=0 next=0 kill_at=($((n_inputs / 3)) $((2 * n_inputs / 3)))
while ((next < n_inputs)); do
  size=$((RANDOM % 56 + 5))
  for ((j = 0; j < size && next < n_inputs; j++, next++)); do
    read -r name _ kind <<< "${rows[next]}"
    deliver "$name" "$kind"
  done
  bursts=$((bursts + 1))
  if ((${#kill_at[@]} > 0 && next >= kill_at[0])); then
    kill_watcher
    kill_at=("${kill_at[@]:1}")
  fi
  sleep "$(printf '0.%d' $((RANDOM % 9 + 1)))"
  ((RANDOM % 4 == 0)) && sleep 1
done
delivered_after=$(elapsed)
for w in "${writers[@]}"; do wait "$w"; done
writers=()

# 4. Wait until the inbox is empty and nothing is claimed, then SIGTERM.
for ((t = 0; t < 6000; t++)); do
  left=$(find "$inbox" -maxdepth 1 -type f ! -name '.*' | wc -l)
  ((left == 0 && $(claimed) == 0)) && break
  sleep 0.1
done
done_after=$(elapsed)
kill -TERM "$watcher"
term_code=0
wait "$watcher" || term_code=$?
watcher=""

# 5. Checks.
failures=()
check() {  # DESCRIPTION GOT WANT
  if [[ "$2" != "$3" ]]; then failures+=("$1: $2, want $3"); fi
}
processed=0 failed=0 missing=0 twice=0 changed=0 broken_not_failed=0 no_report=0
for row in "${rows[@]}"; do
  read -r name sha kind <<< "$row"
  found=()
  [[ -f "$inbox/processed/$name" ]] && found+=("$inbox/processed/$name")
  [[ -f "$inbox/failed/$name" ]] && found+=("$inbox/failed/$name")
  if ((${#found[@]} == 0)); then missing=$((missing + 1)); continue; fi
  ((${#found[@]} > 1)) && twice=$((twice + 1))
  [[ "$(sha256sum "${found[0]}" | cut -d' ' -f1)" == "$sha" ]] || changed=$((changed + 1))
  if [[ "${found[0]}" == "$inbox/failed/$name" ]]; then
    failed=$((failed + 1))
    [[ -f "$inbox/failed/$name.error.json" ]] || no_report=$((no_report + 1))
  else
    processed=$((processed + 1))
    [[ $kind == broken* ]] && broken_not_failed=$((broken_not_failed + 1))
  fi
done
extra_processed=$(( $(find "$inbox/processed" -type f | wc -l) - processed ))
extra_failed=$(( $(find "$inbox/failed" -type f ! -name '*.error.json' | wc -l) - failed ))
reports=$(find "$inbox/failed" -type f -name '*.error.json' | wc -l)
check "inputs missing from processed/ and failed/" "$missing" 0
check "inputs in both" "$twice" 0
check "inputs whose bytes changed" "$changed" 0
check "files in processed/ that are no input" "$extra_processed" 0
check "files in failed/ that are no input" "$extra_failed" 0
check "broken inputs in failed/" "$((n_broken - broken_not_failed))" "$n_broken"
check "failed inputs without .error.json" "$no_report" 0
check "error reports" "$reports" "$failed"

# One record per input: each names an input's final path and its content.
records=$(find "$out" -maxdepth 1 -type f -name '*.json' | wc -l)
check "records" "$records" "$n_inputs"
: > "$work/named"
for record in "$out"/*.json; do
  path=$(grep -m1 '"path":' "$record" | sed 's/.*"path": "\(.*\)",*$/\1/')
  sha=$(grep -m1 '"sha256":' "$record" | sed 's/.*"sha256": "\(.*\)",*$/\1/')
  echo "$(basename "$path") $sha" >> "$work/named"
done
named_twice=$(cut -d' ' -f1 "$work/named" | sort | uniq -d | wc -l)
wrong_content=$(awk '{print $1, $2}' "$manifest" | sort | comm -13 - <(sort "$work/named") | wc -l)
check "inputs named by two records" "$named_twice" 0
check "records naming no input or other content" "$wrong_content" 0

db="$out/imr.sqlite"
documents=$(sqlite3 "$db" 'SELECT count(*) FROM documents')
check "store documents" "$documents" "$records"
by_status=$(sqlite3 "$db" "SELECT group_concat(status || ' ' || n, ', ') FROM (SELECT status, count(*) n FROM documents GROUP BY status ORDER BY status)")
duplicates=$(sqlite3 "$db" "SELECT count(*) FROM documents WHERE status='duplicate'")
check "duplicates in the store" "$duplicates" "$n_dup"

temp_out=$(find "$out" -name '*.tmp.*' | wc -l)
temp_inbox=$(find "$inbox" \( -name '*.tmp.*' -o -name '*.part' \) | wc -l)
claimed_left=$(claimed)
check "temporary files in OUT" "$temp_out" 0
check "temporary files in INBOX" "$temp_inbox" 0
check "files left in .processing/" "$claimed_left" 0
check "exit code after SIGTERM" "$term_code" 0
check "watcher runs" "$runs" 3

cat "$work"/watch-*.log > "$work/all.log"
log_lines=$(wc -l < "$work/all.log")
odd_lines=$(grep -vc '^imr: watch: ' "$work/all.log" || true)
check "log lines not from the watcher" "$odd_lines" 0
recovered=$(grep -c ' recovered ' "$work/all.log" || true)
recorded_before=$(grep -c 'recorded_before' "$work/all.log" || true)
# No document text in the logs: no line of a letter's first page appears.
leaked=0
for pdf in "${pdfs[@]:0:5}"; do
  while read -r words; do
    [[ ${#words} -ge 12 ]] && grep -qF -- "$words" "$work/all.log" && leaked=$((leaked + 1))
  done < <(pdftotext -l 1 "$pdf" - 2>/dev/null | head -40 || true)
done
check "log lines quoting a letter" "$leaked" 0
read -r docs_ms < <(sqlite3 "$db" "SELECT printf('%.0f', avg(milliseconds)) FROM documents WHERE status!='duplicate'")

printf 'imr watch soak: %d inputs (%d broken, %d duplicates, %d written slowly in place, %d via .part), %d jobs\n' \
  "$n_inputs" "$n_broken" "$n_dup" "$n_slow" "$n_part" "$jobs"
printf '  delivered in %d bursts over %s s; inbox empty at %s s\n' "$bursts" "$delivered_after" "$done_after"
for k in "${kills[@]}"; do printf '  SIGKILL %s\n' "$k"; done
printf '  watcher runs: %d; SIGTERM exit code %d\n' "$runs" "$term_code"
printf '  ended: %d in processed/, %d in failed/ (%d .error.json); missing %d, twice %d, changed %d\n' \
  "$processed" "$failed" "$reports" "$missing" "$twice" "$changed"
printf '  records: %d; store documents: %d (%s); mean %s ms per document run\n' \
  "$records" "$documents" "$by_status" "$docs_ms"
printf '  recovered after a kill: %d (of them already recorded, only moved: %d)\n' "$recovered" "$recorded_before"
printf '  temporary files left: OUT %d, INBOX %d; .processing/ %d\n' "$temp_out" "$temp_inbox" "$claimed_left"
printf '  log: %d lines, %d not watcher events, %d quoting a letter\n' "$log_lines" "$odd_lines" "$leaked"
if ((${#failures[@]})); then
  printf 'FAILED:\n'
  printf '  %s\n' "${failures[@]}"
  KEEP=1
  exit 1
fi
echo "all checks hold"
