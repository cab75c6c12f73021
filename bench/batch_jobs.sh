#!/usr/bin/env bash
# `imr batch --jobs 2` against `--jobs 1`: pages/s as the batch itself reports
# them (records and store written, worker start-up included), the median of
# REPEAT runs each, over the dev letters and over the same letters four times
# (copies made distinct by a trailing comment, so none is a duplicate).
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
# pages_per_second INPUT JOBS: the median of $repeat runs.
pages_per_second() {
  for ((i = 0; i < repeat; i++)); do
    rm -rf "$work/out"
    "$imr" batch "$1" -o "$work/out" --jobs "$2" 2>&1 | tail -1 | grep -o '([0-9.]* pages/s)' | tr -d '(' | cut -d' ' -f1
  done | sort -g | sed -n "$(((repeat + 1) / 2))p"
}
for input in "$letters" "$work/x4"; do
  n=$(find "$input" -name '*.pdf' | wc -l)
  one=$(pages_per_second "$input" 1)
  two=$(pages_per_second "$input" 2)
  printf '%-32s %4d files | --jobs 1 %7.1f pages/s | --jobs 2 %7.1f pages/s | %5.2fx\n' \
    "$([[ $input == "$letters" ]] && echo "dev letters" || echo "dev letters x4")" "$n" "$one" "$two" \
    "$(echo "$two / $one" | bc -l)"
done
