#!/usr/bin/env bash
# imr built with ThreadSanitizer (in /tmp/imr-build-tsan, outside the tree)
# and run, by `imr run` and by `imr batch --jobs 1`, over inputs that read on
# several threads at once: a generated packet long enough for its pages to be
# read in runs on two threads and its documents and their decisions on two
# more (pdf_text.cc ReadPages, run_document.cc RunStages and
# DetermineRequestsByClaim), the corpus (its scanned pages OCR'd on two
# threads, its damaged files), and the dev letters when ../shared/data is
# beside the project; the batch's worker reads each input ahead while it
# finishes the one before (worker.cc, ReadAhead). Any report fails the run.
#
#   bash scripts/thread_check.sh [PAGES]     # PAGES of the packet, default 200
#
# Poppler, RE2 and Tesseract are not built with ThreadSanitizer: it sees what
# imr does and what those libraries do through the calls it intercepts (locks,
# memory), which is how it found Poppler's shared colour profiles made by the
# first page read on each of two threads (StartPoppler now makes them first).
# It is not part of CI: its build takes about ten minutes on two cores.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pages="${1:-200}"
build=/tmp/imr-build-tsan
work="$(mktemp -d)"
chmod 700 "$work"
trap 'rm -rf "$work"' EXIT
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS="-fsanitize=thread -O1 -g1" \
  -DCMAKE_C_FLAGS="-fsanitize=thread" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=thread" \
  -DCMAKE_SHARED_LINKER_FLAGS="-fsanitize=thread" >/dev/null
cmake --build "$build" -j2 --target imr imr_pdf >/dev/null
bash "$root/corpus/make_packets.sh" "$work/packet" --one "$pages" 7 >/dev/null 2>&1
inputs=("$work"/packet/*.pdf "$root"/corpus/*.pdf "$root"/corpus/scanned/*.pdf "$root"/corpus/errors/*)
letters="$root/../shared/data/dwc-letters/pdf"
if [[ -d "$letters" ]]; then inputs+=("$letters"/*.pdf); fi
# Records are medical: written under the private folder, never printed.
# `imr run`, then `imr batch --jobs 1`, whose worker reads the next input
# ahead on a thread of its own (worker.cc, ReadAhead); each process of the
# batch logs to a file of its own.
mkdir -p "$work/tsan"
printf '%s\n' "${inputs[@]}" > "$work/inputs.txt"
TSAN_OPTIONS="halt_on_error=0 log_path=$work/tsan/run" "$build/imr" run "${inputs[@]}" -o "$work/out" \
  >/dev/null 2>&1 || true
TSAN_OPTIONS="halt_on_error=0 log_path=$work/tsan/batch" "$build/imr" batch "@$work/inputs.txt" -o "$work/batch" \
  --jobs 1 >/dev/null 2>&1 || true
cat "$work"/tsan/* > "$work/tsan.log" 2>/dev/null || : > "$work/tsan.log"
reports=$(grep -c "WARNING: ThreadSanitizer" "$work/tsan.log" || true)
if ((reports > 0)); then
  # The reports name code and addresses, never record text.
  grep -A30 "WARNING: ThreadSanitizer" "$work/tsan.log" | grep -E "WARNING|^ +#[0-9]+ " | head -80
  echo "thread_check: $reports ThreadSanitizer reports over ${#inputs[@]} inputs" >&2
  exit 1
fi
echo "thread_check: no ThreadSanitizer report over ${#inputs[@]} inputs, run and batched"
