#!/usr/bin/env bash
# What the vocabularies cost: `imr run` pages per second over the real letters
# and the real clinical notes, and a one-file run's start-up, for this build and
# a baseline build side by side, in the same run.
#
# Usage: bash bench/vocabulary.sh BASELINE_IMR [REPEAT]
#   BASELINE_IMR  an imr binary built from another commit (its libimr_pdf.so
#                 beside it), e.g. the commit before the vocabularies:
#     git worktree add /tmp/imr-base 1761781 && cmake -S /tmp/imr-base -B /tmp/imr-base/build \
#       -DCMAKE_BUILD_TYPE=Release && cmake --build /tmp/imr-base/build -j2
#     bash bench/vocabulary.sh /tmp/imr-base/build/imr
#   REPEAT        runs per measure, the median is reported (default 3)
# Inputs: ../shared/data/dwc-letters/pdf and ../shared/data/notes-dev (skipped
# where absent).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
new="$root/build/imr"
base="${1:?usage: bash bench/vocabulary.sh BASELINE_IMR [REPEAT]}"
repeat="${2:-3}"
[[ -x "$new" && -x "$base" ]] || { echo "bench: both binaries must exist ($new, $base)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

now() { date +%s.%N; }
# median_of CMD...: the median wall time of $repeat runs, in seconds.
median_of() {
  local times=() start end
  for ((i = 0; i < repeat; i++)); do
    start=$(now); "$@" > /dev/null 2>&1 || true; end=$(now)
    times+=("$(echo "$end - $start" | bc -l)")
  done
  printf '%s\n' "${times[@]}" | sort -g | sed -n "$(((repeat + 1) / 2))p"
}

# pages FILES...: pages the PDFs hold (a text file is one page).
pages() {
  local n=0 f p
  for f in "$@"; do
    if [[ "$f" == *.pdf ]]; then p=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/{print $2}'); n=$((n + ${p:-1}));
    else n=$((n + 1)); fi
  done
  echo "$n"
}

run_all() { local bin="$1"; shift; rm -rf "$work/out"; "$bin" run "$@" -o "$work/out"; }

compare() {
  local label="$1"; shift
  local n; n=$(pages "$@")
  local tb tn
  tb=$(median_of run_all "$base" "$@")
  tn=$(median_of run_all "$new" "$@")
  printf '%-28s %5d files %5d pages | baseline %7.3f s %7.1f pages/s | this build %7.3f s %7.1f pages/s | %5.2fx\n' \
    "$label" "$#" "$n" "$tb" "$(echo "$n / $tb" | bc -l)" "$tn" "$(echo "$n / $tn" | bc -l)" "$(echo "$tb / $tn" | bc -l)"
}

echo "imr run, one process over all files, median of $repeat runs"
letters="$root/../shared/data/dwc-letters/pdf"
if [[ -d "$letters" ]]; then
  mapfile -t pdfs < <(find "$letters" -maxdepth 1 -name '*.pdf' | sort)
  compare "dwc letters (PDF)" "${pdfs[@]}"
fi
notes="$root/../shared/data/notes-dev"
if [[ -d "$notes" ]]; then
  mapfile -t txts < <(find "$notes" -maxdepth 1 -name 'mts-*.txt' | sort)
  compare "dev notes (text)" "${txts[@]}"
  # Start-up: one note in its own process, to its record on stdout.
  one="${txts[0]}"
  sb=$(median_of "$base" run "$one")
  sn=$(median_of "$new" run "$one")
  printf '%-28s baseline %7.3f s | this build %7.3f s\n' "one-file imr run (start-up)" "$sb" "$sn"
fi
