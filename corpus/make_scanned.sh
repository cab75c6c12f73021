#!/usr/bin/env bash
# Writes corpus/scanned/: corpus letters printed and scanned, for the OCR path.
# Run from anywhere:
#
#   cmake -S . -B build        # once
#   bash corpus/make_scanned.sh                   # the committed samples
#   bash corpus/make_scanned.sh OUT_DIR 300 a.pdf b.pdf ...   # any PDFs, any dpi
#
# Each page is rendered to 8-bit gray with pdftoppm, then "scanned" by
# imr_corpus_gen --scan: turned by up to 1.5 degrees, shifted, blurred (3x3)
# and specked, from a seed; the PDF holds the pictures only, no text layer.
# The samples are the project's own letters (corpus/src/), so their gold
# (corpus/gold/) holds for the scans too: tests/scanned_corpus_test.cc reads
# them with OCR and scores them against it.
#
# Output is byte-identical from run to run on the same machine (fixed seeds,
# cairo's fixed creation date). IMR_CORPUS_GEN=/path/to/imr_corpus_gen skips
# the build step. Needs: pdftoppm (poppler-utils).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

find_generator() {
  if [[ -n "${IMR_CORPUS_GEN:-}" ]]; then
    echo "$IMR_CORPUS_GEN"
    return
  fi
  if [[ ! -f "$root/build/Makefile" && ! -f "$root/build/build.ninja" ]]; then
    echo "make_scanned.sh: no build/ directory; run: cmake -S . -B build" >&2
    exit 2
  fi
  cmake --build "$root/build" --target imr_corpus_gen >&2
  echo "$root/build/tools/imr_corpus_gen"
}

# scan GENERATOR DPI SEED IN.pdf OUT.pdf
scan() {
  local generator="$1" dpi="$2" seed="$3" in="$4" out="$5" tmp
  tmp="$(mktemp -d)"
  pdftoppm -r "$dpi" -gray -png "$in" "$tmp/page"
  "$generator" --scan "$seed" "$tmp"/page-*.png "$out"
  rm -rf "$tmp"
}

main() {
  local generator out dpi seed=1 pdf
  generator="$(find_generator)"
  if (($# == 0)); then
    # Two letters of different layouts at two resolutions: four pages, a few
    # seconds of OCR each, small enough to commit.
    mkdir -p "$root/corpus/scanned"
    scan "$generator" 200 1 "$root/corpus/letter-layout1-lumbar.pdf" "$root/corpus/scanned/letter-layout1-lumbar.pdf"
    scan "$generator" 250 2 "$root/corpus/letter-layout2.pdf" "$root/corpus/scanned/letter-layout2.pdf"
    return
  fi
  out="$1" dpi="$2"
  shift 2
  mkdir -p "$out"
  for pdf in "$@"; do
    scan "$generator" "$dpi" "$seed" "$pdf" "$out/$(basename "$pdf")"
    seed=$((seed + 1))
  done
}

main "$@"
