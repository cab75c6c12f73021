#!/usr/bin/env bash
# `imr batch --jobs 2` against `--jobs 1`: pages/s as the batch itself reports
# them (records and store written, worker start-up included), the median of
# REPEAT runs each, over the dev letters and over the same letters four times
# (copies made distinct by a trailing comment, so none is a duplicate). On a
# shared or virtual machine the runs vary by 10% and more from one minute to
# the next; run it on a quiet machine, and read the pairs.
#
# Usage: bash bench/batch_jobs.sh [REPEAT]     (default 5; needs build/imr)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
imr="$root/build/imr"
letters="$root/../shared/data/dwc-letters/pdf"
repeat="${1:-5}"
[[ -x "$imr" ]] || { echo "bench: build imr first" >&2; exit 2; }
[[ -d "$letters" ]] || { echo "bench: $letters is absent (skipped)" >&2; exit 0; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/x4"
for k in 1 2 3 4; do
  for f in "$letters"/*.pdf; do
    b="$(basename "$f" .pdf)"
    cp "$f" "$work/x4/$b-$k.pdf"
    printf '\n%% copy %s\n' "$k" >> "$work/x4/$b-$k.pdf"
  done
done
# One batch of INPUT with JOBS workers: its pages/s as the batch prints it.
pages_per_second() {
  rm -rf "$work/out"
  "$imr" batch "$1" -o "$work/out" --jobs "$2" 2>&1 | tail -1 | grep -o '([0-9.]* pages/s)' | tr -d '(' | cut -d' ' -f1
}
median() { sort -g | sed -n "$(((repeat + 1) / 2))p"; }
# Runs alternate, --jobs 1 then --jobs 2, so a slow spell of the machine
# falls on both; the ratio is the median of each pair's ratio.
for input in "$letters" "$work/x4"; do
  n=$(find "$input" -name '*.pdf' | wc -l)
  : >"$work/pairs"
  for ((i = 0; i < repeat; i++)); do
    one=$(pages_per_second "$input" 1)
    two=$(pages_per_second "$input" 2)
    echo "$one $two" >>"$work/pairs"
  done
  printf '%-16s %4d files | --jobs 1 %7.1f pages/s | --jobs 2 %7.1f pages/s | %5.2fx (pairs %s)\n' \
    "$([[ $input == "$letters" ]] && echo "dev letters" || echo "dev letters x4")" "$n" \
    "$(cut -d' ' -f1 "$work/pairs" | median)" "$(cut -d' ' -f2 "$work/pairs" | median)" \
    "$(awk '{print $2 / $1}' "$work/pairs" | median)" \
    "$(awk '{printf "%s%.2f", (NR > 1 ? " " : ""), $2 / $1}' "$work/pairs")"
done
# The machine's own ceiling for the ratio: `imr run` over the dev letters in
# one process, against two such processes side by side (nothing shared, no
# batch): twice the work over the time the pair took.
seconds() { local s e; s=$(date +%s.%N); "$@"; e=$(date +%s.%N); echo "$e - $s" | bc -l; }
: >"$work/pairs"
for ((i = 0; i < repeat; i++)); do
  one=$(seconds bash -c '"$1" run "$2"/*.pdf -o "$3/run1" >/dev/null 2>&1' _ "$imr" "$letters" "$work")
  rm -rf "$work/run1"
  two=$(seconds bash -c '"$1" run "$2"/*.pdf -o "$3/run2" >/dev/null 2>&1 & "$1" run "$2"/*.pdf -o "$3/run3" >/dev/null 2>&1; wait' _ "$imr" "$letters" "$work")
  rm -rf "$work/run2" "$work/run3"
  echo "$one $two" >>"$work/pairs"
done
printf '%-16s %4s       | 1 process %7.2f s      | 2 side by side %5.2f s  | %5.2fx (pairs %s)\n' \
  "ceiling: imr run" "" "$(cut -d' ' -f1 "$work/pairs" | median)" "$(cut -d' ' -f2 "$work/pairs" | median)" \
  "$(awk '{print 2 * $1 / $2}' "$work/pairs" | median)" \
  "$(awk '{printf "%s%.2f", (NR > 1 ? " " : ""), 2 * $1 / $2}' "$work/pairs")"
