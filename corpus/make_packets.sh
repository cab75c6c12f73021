#!/usr/bin/env bash
# Writes synthetic case packets (many documents of one invented claim in one
# PDF) with truth files, for testing how the pipeline splits packets
# (tools/packet_gen.cc; corpus/README.md, "Packets"). Run from anywhere:
#
#   bash corpus/make_packets.sh OUT_DIR [COUNT] [--letters DIR] [--seed-base B]
#   bash corpus/make_packets.sh OUT_DIR --one PAGES SEED
#
# The first form writes COUNT (default 32) packets OUT_DIR/packet-NN.pdf and
# packet-NN.truth.json, seeds B+1..B+COUNT (B is 0 unless --seed-base says;
# another B gives a fresh set of the same shape, for a check nobody tuned on),
# from 20 to 3000 pages (most under 400);
# some have a few scanned pages (none above 1000 pages), most have re-faxed
# duplicates, all above 40 pages have rotated pages. With --letters DIR (real
# IMR letters, PDFs that may be encrypted with an empty user password) it also
# writes OUT_DIR/letters-NN.pdf, each holding one to three of those letters at
# seeded places among generated documents, until every letter is used; their
# truth names a letter only by file name and page range, never by its text.
# The second form writes one packet OUT_DIR/packet-PAGES.pdf for benchmarks,
# without scanned pages.
#
# One line per packet: name, pages, documents, seconds. Output is the same
# from run to run: the generator is deterministic and qpdf writes IDs computed
# from the content.
#
# IMR_PACKET_GEN=/path/to/imr_packet_gen skips the build; otherwise the tool is
# built in IMR_BUILD_DIR (default: build/ at the repository root).
# Needs: qpdf; cmake (unless IMR_PACKET_GEN is set).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

usage() {
  echo "usage: make_packets.sh OUT_DIR [COUNT] [--letters DIR] [--seed-base B]" >&2
  echo "       make_packets.sh OUT_DIR --one PAGES SEED" >&2
  exit 2
}

find_generator() {
  if [[ -n "${IMR_PACKET_GEN:-}" ]]; then
    echo "$IMR_PACKET_GEN"
    return
  fi
  local build="${IMR_BUILD_DIR:-$root/build}"
  if [[ ! -f "$build/Makefile" && ! -f "$build/build.ninja" ]]; then
    echo "make_packets.sh: no build directory at $build; run: cmake -S $root -B $build" >&2
    exit 2
  fi
  cmake --build "$build" --target imr_packet_gen >&2
  echo "$build/tools/imr_packet_gen"
}

# pages_for INDEX COUNT: 20 * 150^(t^1.5), t = (INDEX-1)/(COUNT-1): from 20 to
# 3000 pages; of 32 packets, 23 under 400 pages and 5 over 1000.
pages_for() {
  awk -v i="$1" -v n="$2" 'BEGIN {
    t = (n > 1) ? (i - 1) / (n - 1) : 0
    printf "%d\n", 20 * exp(t ^ 1.5 * log(150)) + 0.5 }'
}

# The truth file's document lines as "FIRST LAST SOURCE" (SOURCE "-" for a
# generated document). imr_packet_gen writes one document per line.
truth_documents() {
  awk '/"doc_type"/ {
    source = "-"
    if (match($0, /"source": "[^"]*"/)) source = substr($0, RSTART + 11, RLENGTH - 12)
    match($0, /"first_page": [0-9]+/); first = substr($0, RSTART + 14, RLENGTH - 14)
    match($0, /"last_page": [0-9]+/); last = substr($0, RSTART + 13, RLENGTH - 13)
    print first, last, source
  }' "$1"
}

# qpdf --rotate arguments from the truth file's "rotations" line.
rotate_arguments() {
  grep -o '"page": [0-9]*, "rotate": [0-9]*' "$1" |
    awk '{ gsub(/,/, ""); pages[$4] = pages[$4] (pages[$4] == "" ? "" : ",") $2 }
         END { for (angle in pages) printf "--rotate=+%s:%s\n", angle, pages[angle] }' |
    sort
}

# splice_letters GENERATED TRUTH LETTER_DIR OUT: the generated pages with the
# letters the truth names put in their places.
splice_letters() {
  local generated="$1" truth="$2" letters="$3" out="$4"
  local -a args=()
  local next=1 first last source count
  while read -r first last source; do
    count=$((last - first + 1))
    if [[ "$source" == "-" ]]; then
      args+=("$generated" "$next-$((next + count - 1))")
      next=$((next + count))
    else
      args+=("$letters/$source" "1-z")
    fi
  done < <(truth_documents "$truth")
  qpdf --empty --deterministic-id --pages "${args[@]}" -- "$out"
}

# make_packet NAME SEED PAGES SCANNED DUPLICATES [LETTER_DIR LETTER...]
make_packet() {
  local name="$1" seed="$2" pages="$3" scanned="$4" duplicates="$5"
  shift 5
  local letter_dir="" letter
  local -a externals=()
  if (($# > 0)); then
    letter_dir="$1"
    shift
    for letter in "$@"; do
      externals+=(--external "$letter:$(qpdf --show-npages "$letter_dir/$letter")")
    done
  fi
  local start="$EPOCHREALTIME"
  local pdf="$out_dir/$name.pdf" truth="$out_dir/$name.truth.json"
  local generated="$out_dir/.$name.generated.pdf" spliced="$out_dir/.$name.spliced.pdf"
  "$generator" --seed "$seed" --pages "$pages" -o "$generated" --truth "$truth" \
    --scanned "$scanned" --duplicates "$duplicates" "${externals[@]}"
  if [[ -n "$letter_dir" ]]; then
    splice_letters "$generated" "$truth" "$letter_dir" "$spliced"
    mv "$spliced" "$generated"
  fi
  local -a rotations
  mapfile -t rotations < <(rotate_arguments "$truth")
  if ((${#rotations[@]} > 0)); then
    qpdf --deterministic-id "$generated" "${rotations[@]}" -- "$pdf"
    rm -f "$generated"
  else
    mv "$generated" "$pdf"
  fi
  local page_count documents
  page_count=$(qpdf --show-npages "$pdf")
  documents=$(grep -c '"doc_type"' "$truth")
  if [[ "$page_count" != "$(sed -n 's/.*"page_count": \([0-9]*\).*/\1/p' "$truth")" ]]; then
    echo "make_packets.sh: $name.pdf has $page_count pages, its truth file says otherwise" >&2
    exit 1
  fi
  printf '%-12s %5d pages %5d documents %7.2f s\n' "$name" "$page_count" "$documents" \
    "$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { print b - a }')"
}

# Scanned pages are slow to OCR: a few in every third packet up to 1000 pages.
scanned_for() {  # scanned_for INDEX PAGES
  if (($2 <= 1000 && $1 % 3 == 1)); then echo $((2 + $1 % 4)); else echo 0; fi
}

# Re-faxed duplicates in four packets out of five.
duplicates_for() {  # duplicates_for INDEX PAGES
  if (($1 % 5 == 0)); then echo 0; else echo $((1 + $2 / 80)); fi
}

make_packets() {
  local count="$1" i pages
  for ((i = 1; i <= count; i++)); do
    pages=$(pages_for "$i" "$count")
    make_packet "$(printf 'packet-%02d' "$i")" $((seed_base + i)) "$pages" "$(scanned_for "$i" "$pages")" \
      "$(duplicates_for "$i" "$pages")"
  done
}

# Deals the letters out, one to three per packet, in file name order.
make_letter_packets() {
  local dir="$1" i=0 taken=0 take pages
  local -a letters
  mapfile -t letters < <(cd "$dir" && LC_ALL=C ls -1 -- *.pdf)
  if ((${#letters[@]} == 0)); then
    echo "make_packets.sh: no PDF files in $dir" >&2
    exit 2
  fi
  while ((taken < ${#letters[@]})); do
    i=$((i + 1))
    take=$((1 + i % 3))
    pages=$((20 + (i * 37) % 280))
    make_packet "$(printf 'letters-%02d' "$i")" $((1000 + i)) "$pages" \
      "$(scanned_for "$i" "$pages")" "$(duplicates_for "$i" "$pages")" \
      "$dir" "${letters[@]:taken:take}"
    taken=$((taken + take))
  done
}

main() {
  (($# >= 1)) || usage
  out_dir="$1"
  shift
  local count=32 letters="" one_pages="" one_seed=""
  seed_base=0
  if (($# > 0)) && [[ "$1" =~ ^[0-9]+$ ]]; then
    count="$1"
    shift
  fi
  while (($# > 0)); do
    case "$1" in
      --letters)
        (($# >= 2)) || usage
        letters="$2"
        shift 2
        ;;
      --seed-base)
        (($# >= 2)) && [[ "$2" =~ ^[0-9]+$ ]] || usage
        seed_base="$2"
        shift 2
        ;;
      --one)
        (($# >= 3)) || usage
        one_pages="$2"
        one_seed="$3"
        shift 3
        ;;
      *) usage ;;
    esac
  done
  mkdir -p "$out_dir"
  generator="$(find_generator)"
  if [[ -n "$one_pages" ]]; then
    make_packet "packet-$one_pages" "$one_seed" "$one_pages" 0 $((1 + one_pages / 80))
    return
  fi
  make_packets "$count"
  if [[ -n "$letters" ]]; then make_letter_packets "$letters"; fi
}

main "$@"
