#!/usr/bin/env bash
# What a batch costs on top of reading the PDF, measured against Poppler alone
# on the same files in the same run, so the ratios hold across machines:
#   (a) imr_poppler_text: every file in one process, each page's words only,
#       through Poppler's core API with the calls ingest makes (one
#       TextOutputDev for a document's pages, colour converted towards CIE
#       Lab; bench/poppler_text.cc): the strict floor, which b/a divides by;
#   (a-cpp) the same through poppler-cpp's page::text_list (--cpp): how the
#       issue first measured Poppler alone, and the calls ingest made before it
#       moved to the core API; it also converts every word to UTF-16 and back
#       and every ICC colour space towards sRGB, so its pages/s are lower, and
#       b/a-cpp compares with the figures of earlier sessions;
#   (b) imr batch DIR -o OUT --jobs 1;   (c) the same with --jobs 2;
#   (d) pdftotext, one process per file;
#   (a2) (a) in two processes at once, each over half the files (balanced by
#       pages): what this machine gives Poppler alone from its second core,
#       the ceiling that c/b is read against. On a 2-vCPU VM whose vCPUs
#       share a physical core, a2/a is well under 2, and so is any c/b. A
#       line of one file (a packet) has no halves: "-".
# pages/s is pages (pdfinfo) over the wall time of the whole command, process
# start-up included. Each figure and each ratio (b/a, b/a-cpp, c/b, a2/a, b/d)
# is the median over REPEAT runs, a run timing a, a-cpp, b, c, d and a2 one
# after the other.
# "b cores" and "c cores": the CPU seconds (user and system, GNU time's, of
# the batch and the workers it reaped) over the wall seconds of (b) and (c):
# how many cores each kept busy. (b) is more than 1: the zygote builds its
# tables on two threads, and each worker files a record on a second thread
# while it reads the next document. With c near 2 cores, c/b can rise only
# as b's CPU falls: c/b is at most 2 / (b cores) times b's CPU over c's.
# Peak RSS of (b) is GNU time's %M on `imr batch`: the kernel folds the peak of
# every reaped child into its parent's, so it is the largest single process of
# the batch (the parent or a worker), not the sum of those alive at once.
# Also: `imr run` start-up on a one-line .txt (median of 5).
#
# Input sets, a line each: the dev letters (../shared/data/dwc-letters/pdf),
# the dev notes (../shared/data/notes-dev/*.txt) typeset into PDFs by
# imr_corpus_gen, and packets made by corpus/make_packets.sh --one PAGES (a
# packet is one input, so --jobs 2 cannot help it: c/b near 1 is expected).
#
# With --copies K (K >= 2), the dev letters are also read as K copies of
# each (made distinct by a trailing comment, so the batch takes none for a
# duplicate), and one more line splits each command's time into what it pays
# once and what each pass over the letters after the first costs:
#   marginal = pages of K-1 passes / (median time of K copies - median time
#   of one), fixed = median time of one - pages / marginal.
# A batch pays its table building and RE2's first use once per process; the
# dev letters are small enough for that to be a third of (b), which a night's
# run over thousands of files spreads thin. Both figures are the batch's.
#
# Usage: bash bench/pipeline.sh [--packets "20 200 3000"] [--no-packets]
#                               [--copies K]
# (the default sizes; the 3000-page packet takes most of the run's time)
# Env: IMR (default build/imr); REPEAT (default 3); the tools are taken from
# the build directory of $IMR (bench/imr_poppler_text, tools/imr_corpus_gen,
# tools/imr_packet_gen) unless IMR_POPPLER_TEXT, IMR_CORPUS_GEN or
# IMR_PACKET_GEN name them. Needs poppler-utils (pdfinfo, pdftotext), qpdf.
set -euo pipefail
export LC_ALL=C  # EPOCHREALTIME and printf with a decimal point
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
imr="${IMR:-$root/build/imr}"
repeat="${REPEAT:-3}"
packet_sizes="20 200 3000"
copies=0
usage="usage: pipeline.sh [--packets \"SIZES\"] [--no-packets] [--copies K]"
while (($# > 0)); do
  case "$1" in
    --packets) (($# >= 2)) || { echo "$usage" >&2; exit 2; }
               packet_sizes="$2"; shift 2 ;;
    --no-packets) packet_sizes=""; shift ;;
    --copies) (($# >= 2)) && [[ "$2" =~ ^[0-9]+$ ]] && (($2 >= 2)) || { echo "$usage (K >= 2)" >&2; exit 2; }
              copies="$2"; shift 2 ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
done
[[ -x "$imr" ]] || { echo "bench: no imr at $imr (set IMR, or build first)" >&2; exit 2; }
imr="$(cd "$(dirname "$imr")" && pwd)/$(basename "$imr")"
build="$(dirname "$imr")"
poppler_text="${IMR_POPPLER_TEXT:-$build/bench/imr_poppler_text}"
corpus_gen="${IMR_CORPUS_GEN:-$build/tools/imr_corpus_gen}"
packet_gen="${IMR_PACKET_GEN:-$build/tools/imr_packet_gen}"
[[ -x "$poppler_text" ]] || { echo "bench: no imr_poppler_text at $poppler_text (build the bench targets)" >&2; exit 2; }
for tool in pdfinfo pdftotext; do
  command -v "$tool" >/dev/null || { echo "bench: $tool missing (scripts/setup.sh installs poppler-utils)" >&2; exit 2; }
done
letters="$root/../shared/data/dwc-letters/pdf"
notes="$root/../shared/data/notes-dev"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# seconds_of CMD...: wall seconds of one run, output discarded.
seconds_of() {
  local start=$EPOCHREALTIME
  "$@" >/dev/null 2>&1 || true
  awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.6f\n", b - a }'
}
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# pdf_pages FILE...: their pages together.
pdf_pages() {
  local f total=0
  for f in "$@"; do total=$((total + $(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ { print $2 }'))); done
  echo "$total"
}
each_pdftotext() { local f; for f in "${pdfs[@]}"; do pdftotext -q "$f" "$work/out.txt"; done; }
# two_halves: (a) over each half of the files, both at once.
two_halves() {
  "$poppler_text" @"$work/half-a" &
  local first=$!
  "$poppler_text" @"$work/half-b"
  wait "$first"
}
# batch_seconds DIR JOBS USAGE_FILE: one batch from nothing (a fresh output
# directory, so the store skips nothing); its wall seconds; into USAGE_FILE,
# GNU time's "%M %U %S" (peak RSS in KiB, user and system CPU seconds of the
# batch and every worker it reaped).
batch_seconds() {
  rm -rf "$work/batch-out"
  local start=$EPOCHREALTIME
  if [[ -x /usr/bin/time ]]; then
    /usr/bin/time -f '%M %U %S' -o "$3" "$imr" batch "$1" -o "$work/batch-out" --jobs "$2" >/dev/null 2>"$work/batch.err" || true
  else
    "$imr" batch "$1" -o "$work/batch-out" --jobs "$2" >/dev/null 2>"$work/batch.err" || true
    echo "" > "$3"
  fi
  local end=$EPOCHREALTIME
  # Exit 1 means "some records have problems"; only a missing summary is a failure.
  if ! grep -q ' pages in .* pages/s' "$work/batch.err"; then
    echo "bench: imr batch $1 --jobs $2 failed:" >&2
    cat "$work/batch.err" >&2
    exit 1
  fi
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.6f\n", b - a }'
}

# rate_of COLUMN PAGES: the median pages/s of one command over the runs.
rate_of() { awk -v c="$1" -v p="$2" '{ print p / $c }' "$work/runs" | median; }
# ratio_of X Y: the median over the runs of rate X / rate Y (time Y / time X).
ratio_of() { awk -v x="$1" -v y="$2" '{ print $y / $x }' "$work/runs" | median; }

# measure LABEL DIR: one line for the PDFs of DIR (which batch reads whole).
measure() {
  local label="$1" dir="$2" r ta tacpp tb tc td ta2 cores_b cores_c rss peak=0 f
  mapfile -t pdfs < <(find "$dir" -maxdepth 1 -name '*.pdf' | sort)
  ((${#pdfs[@]})) || { echo "$label: no PDFs in $dir (skipped)"; return; }
  local pages
  for f in "${pdfs[@]}"; do printf '%s\t%s\n' "$(pdf_pages "$f")" "$f"; done > "$work/file-pages"
  pages=$(awk -F'\t' '{ total += $1 } END { print total }' "$work/file-pages")
  printf '%s\n' "${pdfs[@]}" > "$work/list"
  # The halves for (a2): the largest file first, each to the half with fewer pages so far.
  sort -t$'\t' -k1,1nr "$work/file-pages" |
    awk -F'\t' -v a="$work/half-a" -v b="$work/half-b" \
      '{ if (pa <= pb) { print $2 > a; pa += $1 } else { print $2 > b; pb += $1 } }'
  if ! "$poppler_text" @"$work/list" > "$work/poppler.out" 2>&1; then
    echo "bench: $label: imr_poppler_text could not read every file: $(cat "$work/poppler.out")" >&2
  fi
  : > "$work/runs"
  for ((r = 0; r < repeat; r++)); do
    ta=$(seconds_of "$poppler_text" @"$work/list")
    tacpp=$(seconds_of "$poppler_text" --cpp @"$work/list")
    tb=$(batch_seconds "$dir" 1 "$work/rss")
    rss=$(awk '{ print $1 }' "$work/rss")
    if [[ -n "$rss" ]] && ((rss > peak)); then peak=$rss; fi
    tc=$(batch_seconds "$dir" 2 "$work/rss2")
    td=$(seconds_of each_pdftotext)
    ta2=0
    ((${#pdfs[@]} >= 2)) && ta2=$(seconds_of two_halves)
    # The cores (b) and (c) kept busy: CPU seconds over wall seconds.
    cores_b=$(awk -v t="$tb" 'NF == 3 { printf "%.3f", ($2 + $3) / t; next } { print 0 }' "$work/rss")
    cores_c=$(awk -v t="$tc" 'NF == 3 { printf "%.3f", ($2 + $3) / t; next } { print 0 }' "$work/rss2")
    echo "$ta $tacpp $tb $tc $td $ta2 $cores_b $cores_c" >> "$work/runs"
  done
  cp "$work/runs" "$work/runs-$label"
  echo "$pages" > "$work/pages-$label"
  local rate_a2="-" ratio_a2="-"
  if ((${#pdfs[@]} >= 2)); then
    rate_a2=$(printf '%.1f' "$(rate_of 6 "$pages")")
    ratio_a2=$(printf '%.2f' "$(ratio_of 6 1)")
  fi
  printf '%-22s %5d %6d | %12.1f %12.1f %12.1f %12.1f %12.1f %12s | %6.3f %7.3f %5.2f %5s %6.3f | %7.2f %7.2f | %s\n' "$label" \
    "${#pdfs[@]}" "$pages" \
    "$(rate_of 1 "$pages")" "$(rate_of 2 "$pages")" "$(rate_of 3 "$pages")" "$(rate_of 4 "$pages")" \
    "$(rate_of 5 "$pages")" "$rate_a2" "$(ratio_of 3 1)" "$(ratio_of 3 2)" "$(ratio_of 4 3)" "$ratio_a2" \
    "$(ratio_of 3 5)" "$(awk '{ print $7 }' "$work/runs" | median)" "$(awk '{ print $8 }' "$work/runs" | median)" \
    "$( ((peak > 0)) && echo "$peak KiB" || echo "n/a (no /usr/bin/time)")"
}

# Start-up: the pipeline on a one-line text file, where reading is nothing.
echo "Seen on 10-19-16 for neck pain." > "$work/one-line.txt"
startup=$(for ((r = 0; r < 5; r++)); do seconds_of "$imr" run "$work/one-line.txt"; done | median)
printf 'imr run start-up on a one-line .txt: %.1f ms (median of 5; the PDF module is not loaded for text)\n' \
  "$(awk -v s="$startup" 'BEGIN { print s * 1000 }')"
printf '%-22s %5s %6s | %12s %12s %12s %12s %12s %12s | %6s %7s %5s %5s %6s | %7s %7s | %s\n' "pages/s, median of $repeat" files \
  pages "(a) core" "(a-cpp) cpp" "(b) batch j1" "(c) batch j2" "(d) pdftotext" "(a2) core x2" b/a b/a-cpp c/b a2/a b/d \
  "b cores" "c cores" "peak RSS of (b)"

# A note as imr_corpus_gen markup: plain paragraphs. A line that starts like a
# directive, heading, table row or bullet gets a no-break space in front, so
# it is printed as written.
note_as_markup() { sed -E 's/^([[:space:]]*)([@|=-])/\1\xc2\xa0\2/' "$1"; }

# time_of COLUMN LABEL: the median seconds of one command over a line's runs.
time_of() { awk -v c="$1" '{ print $c }' "$work/runs-$2" | median; }

# split_fixed ONE MANY: from the lines ONE (the letters) and MANY (K copies),
# pages/s of each pass after the first, for (a) and (b), their ratio, and the
# seconds (b) pays once.
split_fixed() {
  local one="$1" many="$2" p1 pk
  p1=$(cat "$work/pages-$one")
  pk=$(cat "$work/pages-$many")
  awk -v p1="$p1" -v pk="$pk" -v a1="$(time_of 1 "$one")" -v ak="$(time_of 1 "$many")" \
      -v b1="$(time_of 3 "$one")" -v bk="$(time_of 3 "$many")" -v label="$many" 'BEGIN {
    ma = (pk - p1) / (ak - a1); mb = (pk - p1) / (bk - b1)
    printf "%s, each pass after the first: (a) %.1f pages/s, (b) %.1f pages/s, b/a %.3f; (b) pays %.3f s once (%.0f%% of (b) over the letters)\n", \
      label, ma, mb, mb / ma, b1 - p1 / mb, 100 * (b1 - p1 / mb) / b1
  }'
}

if [[ -d "$letters" ]]; then
  measure "dev letters" "$letters"
  if ((copies >= 2)); then
    mkdir -p "$work/copies"
    for ((k = 1; k <= copies; k++)); do
      for f in "$letters"/*.pdf; do
        cp "$f" "$work/copies/$(basename "$f" .pdf)-$k.pdf"
        printf '\n%% copy %s\n' "$k" >> "$work/copies/$(basename "$f" .pdf)-$k.pdf"
      done
    done
    measure "dev letters x$copies" "$work/copies"
    rm -rf "$work/copies"
    split_fixed "dev letters" "dev letters x$copies"
  fi
else
  echo "dev letters: $letters is absent (skipped)"
fi

if [[ ! -d "$notes" ]]; then
  echo "dev notes: $notes is absent (skipped)"
elif [[ ! -x "$corpus_gen" ]]; then
  echo "dev notes: no imr_corpus_gen at $corpus_gen (it needs cairo; skipped)"
else
  mkdir -p "$work/notes"
  for note in "$notes"/*.txt; do
    stem="$(basename "$note" .txt)"
    note_as_markup "$note" > "$work/$stem.txt"
    "$corpus_gen" "$work/$stem.txt" "$work/notes/$stem.pdf" ||
      echo "bench: $stem could not be typeset (left out)" >&2
    rm -f "$work/$stem.txt"
  done
  measure "dev notes as PDFs" "$work/notes"
fi

for size in $packet_sizes; do
  if [[ ! -x "$packet_gen" ]] || ! command -v qpdf >/dev/null; then
    echo "packet --one $size: needs imr_packet_gen at $packet_gen and qpdf (skipped)"
    continue
  fi
  # One seed for every size: the same packet from run to run and machine to machine.
  IMR_PACKET_GEN="$packet_gen" bash "$root/corpus/make_packets.sh" "$work/gen" --one "$size" 7 > /dev/null
  mkdir -p "$work/packet-$size"
  mv "$work/gen/packet-$size.pdf" "$work/packet-$size/"
  measure "packet --one $size" "$work/packet-$size"
  rm -rf "$work/packet-$size" "$work/gen"
done

