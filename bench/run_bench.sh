#!/usr/bin/env bash
# Whole-pipeline benchmarks, each against a baseline run on the same inputs in
# the same run, so the ratios hold across machines:
#   1. imr text / imr run against pdftotext on the same PDFs (time, peak memory);
#   2. imr assertion against the rows of the NegEx kit (rows per second, process
#      start included), and against a Python NegEx if NEGEX_PY names one.
# Usage: bash bench/run_bench.sh [PDF_DIR] [REPEAT]
# Defaults: ../shared/data/dwc-letters/pdf if present, else corpus/; REPEAT 3.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
imr="$root/build/imr"
[[ -x "$imr" ]] || { echo "bench: build first (cmake -S . -B build && cmake --build build)" >&2; exit 2; }
command -v pdftotext >/dev/null || { echo "bench: pdftotext missing (scripts/setup.sh installs poppler-utils)" >&2; exit 2; }

pdf_dir="${1:-$root/../shared/data/dwc-letters/pdf}"
[[ -d "$pdf_dir" ]] || pdf_dir="$root/corpus"
repeat="${2:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mapfile -t pdfs < <(find "$pdf_dir" -maxdepth 1 -name '*.pdf' ! -name 'scanned-*' | sort)
((${#pdfs[@]})) || { echo "bench: no PDFs in $pdf_dir" >&2; exit 2; }

now() { date +%s.%N; }
# best_of CMD...: the fastest of $repeat runs, in seconds.
best_of() {
  local best="" start end t
  for ((i = 0; i < repeat; i++)); do
    start=$(now); "$@" > /dev/null 2>&1 || true; end=$(now)
    t=$(echo "$end - $start" | bc -l)
    if [[ -z "$best" ]] || (($(echo "$t < $best" | bc -l))); then best=$t; fi
  done
  echo "$best"
}
# peak_kib CMD...: peak resident memory of one run.
peak_kib() { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1; }

each_pdftotext() { for f in "${pdfs[@]}"; do pdftotext -q "$f" "$work/out.txt"; done; }
each_imr_text() { for f in "${pdfs[@]}"; do "$imr" text "$f" > "$work/out.txt"; done; }
imr_run_all() { rm -rf "$work/records"; "$imr" run "${pdfs[@]}" -o "$work/records"; }

echo "inputs: ${#pdfs[@]} PDFs from $pdf_dir; best of $repeat runs"
base=$(best_of each_pdftotext)
text=$(best_of each_imr_text)
run=$(best_of imr_run_all)
printf '%-34s %8.3f s  %8.2f ms/file  ratio %5.2fx\n' "pdftotext (one process per file)" "$base" \
  "$(echo "$base * 1000 / ${#pdfs[@]}" | bc -l)" 1
printf '%-34s %8.3f s  %8.2f ms/file  ratio %5.2fx\n' "imr text (one process per file)" "$text" \
  "$(echo "$text * 1000 / ${#pdfs[@]}" | bc -l)" "$(echo "$text / $base" | bc -l)"
printf '%-34s %8.3f s  %8.2f ms/file  ratio %5.2fx\n' "imr run (all files, full pipeline)" "$run" \
  "$(echo "$run * 1000 / ${#pdfs[@]}" | bc -l)" "$(echo "$run / $base" | bc -l)"
if [[ -x /usr/bin/time ]]; then
  largest=$(ls -S "${pdfs[@]}" | head -1)
  echo "peak memory on the largest file ($(basename "$largest")): pdftotext $(peak_kib pdftotext -q "$largest" "$work/o.txt") KiB," \
       "imr run $(peak_kib "$imr" run "$largest") KiB"
fi

kit="$root/../shared/data/negex-dev/negex-dev.tsv"
if [[ -f "$kit" ]]; then
  # The kit's rows as the JSON Lines `imr assertion` reads (no record text is kept).
  python3 - "$kit" "$work/kit.jsonl" <<'PY'
import csv, json, sys
with open(sys.argv[1]) as f, open(sys.argv[2], "w") as out:
    for row in csv.DictReader(f, delimiter="\t"):
        out.write(json.dumps({"sentence": row["sentence"], "target": row["target"]}) + "\n")
PY
  rows=$(wc -l < "$work/kit.jsonl")
  t=$(best_of "$imr" assertion "$work/kit.jsonl")
  rate=$(echo "$rows / $t" | bc -l)
  printf 'imr assertion: %d rows in %.4f s (process start included): %.0f rows/s\n' "$rows" "$t" "$rate"
  if [[ -n "${NEGEX_PY:-}" && -f "${NEGEX_PY}" ]]; then
    tp=$(best_of python3 "$NEGEX_PY" "$work/kit.jsonl")
    printf 'Python NegEx (%s): %.3f s, %.0f rows/s; imr is %.1fx faster\n' "$NEGEX_PY" "$tp" \
      "$(echo "$rows / $tp" | bc -l)" "$(echo "$tp / $t" | bc -l)"
  else
    printf 'against the 750 rows/s of the public Python NegEx on this machine (the issue'"'"'s figure): %.0fx\n' \
      "$(echo "$rate / 750" | bc -l)"
  fi
else
  echo "negex-dev kit absent: assertion benchmark skipped"
fi
