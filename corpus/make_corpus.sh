#!/usr/bin/env bash
# Regenerates the sample PDFs from corpus/src/*.txt and the bad inputs in
# corpus/errors/. Run from anywhere:
#
#   cmake -S . -B build        # once
#   bash corpus/make_corpus.sh
#
# Output is byte-identical from run to run on the same machine: cairo gets a
# fixed creation date (in imr_corpus_gen) and qpdf fixed IDs and AES vectors.
# IMR_CORPUS_GEN=/path/to/imr_corpus_gen skips the build step.
# Needs: cmake/make (or IMR_CORPUS_GEN), qpdf, openssl, python3; pdfinfo/pdftotext for the check.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="$root/corpus"
errors="$corpus/errors"

# Letters in the wild use 128-bit AES (R4) with an empty user password and
# copying disallowed; we match them. 256-bit AES would draw a random file key
# on every run, and the samples must not change when regenerated.
readonly OWNER_PASSWORD="imr-corpus-owner"
readonly USER_PASSWORD="imr-corpus-user"
qpdf_encrypt() {  # qpdf_encrypt USER_PASSWORD IN OUT
  qpdf --static-id --static-aes-iv --encrypt "$1" "$OWNER_PASSWORD" 128 --use-aes=y \
    --extract=n --modify=none -- "$2" "$3"
}

find_generator() {
  if [[ -n "${IMR_CORPUS_GEN:-}" ]]; then
    echo "$IMR_CORPUS_GEN"
    return
  fi
  if [[ ! -f "$root/build/Makefile" && ! -f "$root/build/build.ninja" ]]; then
    echo "make_corpus.sh: no build/ directory; run: cmake -S . -B build" >&2
    exit 2
  fi
  cmake --build "$root/build" --target imr_corpus_gen >&2
  echo "$root/build/tools/imr_corpus_gen"
}

# Typesets every source; sources that say "@encrypt" are encrypted like the
# published letters.
make_samples() {
  local generator="$1" source name
  for source in "$corpus"/src/*.txt; do
    name="$(basename "$source" .txt)"
    "$generator" "$source" "$corpus/$name.pdf"
    if grep -qx '@encrypt' "$source"; then
      qpdf_encrypt "" "$corpus/$name.pdf" "$corpus/$name.pdf.tmp"
      mv "$corpus/$name.pdf.tmp" "$corpus/$name.pdf"
    fi
  done
}

# A scanned copy of the progress report: its pages rendered to gray images
# and wrapped in a PDF with no text layer, for the OCR path.
make_scan() {
  local generator="$1" tmp
  tmp="$(mktemp -d)"
  pdftoppm -r 150 -gray -png "$corpus/progress-report.pdf" "$tmp/page"
  "$generator" --images "$tmp"/page-*.png "$corpus/scanned-progress-report.pdf"
  rm -rf "$tmp"
}

# Deterministic pseudo-random bytes: AES-CTR over zeros with a fixed key.
junk_bytes() {  # junk_bytes COUNT
  head -c "$1" /dev/zero |
    openssl enc -aes-128-ctr -nosalt -K 696d722d636f727075732d6a756e6b21 -iv 0 2>/dev/null
}

# Inputs every reader must reject cleanly, one record with a problem each.
make_errors() {
  local letter="$corpus/letter-layout1-lumbar.pdf" size
  mkdir -p "$errors"
  : > "$errors/empty.pdf"
  size=$(( $(wc -c < "$letter") * 40 / 100 ))
  head -c "$size" "$letter" > "$errors/truncated.pdf"
  { printf 'IMR-JUNK\n'; junk_bytes 4087; } > "$errors/junk.pdf"
  printf '%s\n' "This is a plain text file with a .pdf name." \
    "It has no PDF header, objects or trailer." > "$errors/text-named.pdf"
  qpdf_encrypt "$USER_PASSWORD" "$corpus/rfa.pdf" "$errors/password.pdf"
  { printf 'Progress note\n\x00\x00\xff\xfe invalid \xc3\x28 \xe2\x82 \xf0\x9f\x98\n'; junk_bytes 1024; } \
    > "$errors/binary-junk.txt"
  # Loops, depth and a decompression bomb (the bomb takes a minute to deflate).
  python3 "$root/tools/hostile_pdf_gen.py" "$errors"
  make_damaged
}

# A letter made like the published ones (PDF 1.5 object streams and a
# cross-reference stream, AES with an empty user password), damaged three
# ways: neither Poppler nor qpdf can rebuild such a file's cross-reference by
# themselves (its trailer is in the stream). Fixed IDs and AES vectors, fixed
# junk: the same bytes on every run.
make_damaged() {
  local tmp size at
  tmp="$(mktemp -d)"
  qpdf --static-id --static-aes-iv --object-streams=generate --encrypt "" "$OWNER_PASSWORD" 128 --use-aes=y \
    --extract=n --modify=none -- "$corpus/letter-layout2.pdf" "$tmp/letter.pdf"
  # startxref pointing past the end of the file
  python3 - "$tmp/letter.pdf" "$errors/encrypted-startxref.pdf" <<'PY'
import re, sys
data = open(sys.argv[1], "rb").read()
at = data.rindex(b"startxref")
data = data[:at] + re.sub(rb"startxref\s+\d+", b"startxref\n999999", data[at:], count=1)
open(sys.argv[2], "wb").write(data)
PY
  # 3,000 bytes of junk spliced in at two fifths of the file
  size=$(wc -c < "$tmp/letter.pdf")
  at=$(( size * 2 / 5 ))
  { head -c "$at" "$tmp/letter.pdf"; junk_bytes 3000; tail -c +$(( at + 1 )) "$tmp/letter.pdf"; } \
    > "$errors/encrypted-spliced.pdf"
  # cut at 70%: the end holds the encryption dictionary and the file's /ID
  head -c $(( size * 70 / 100 )) "$tmp/letter.pdf" > "$errors/encrypted-truncated.pdf"
  rm -rf "$tmp"
  # A plain letter cut at 96%: its pages and most fonts are whole, its page
  # tree, catalog and cross-reference table are lost.
  size=$(wc -c < "$corpus/letter-layout1-lumbar.pdf")
  head -c $(( size * 96 / 100 )) "$corpus/letter-layout1-lumbar.pdf" > "$errors/truncated-tail.pdf"
}

# A quick look at what was made, one line per file.
check_outputs() {
  command -v pdfinfo > /dev/null || return 0
  local pdf pages encrypted words
  for pdf in "$corpus"/*.pdf "$errors"/*.pdf; do
    if pages=$(pdfinfo "$pdf" 2> /dev/null | awk '/^Pages:/ {print $2}') && [[ -n "$pages" ]]; then
      encrypted=$(pdfinfo "$pdf" | awk '/^Encrypted:/ {print $2}')
      # Under 1 GB of address space: errors/inflate-bomb.pdf takes pdftotext
      # past 10 GB otherwise.
      words=$( (ulimit -v 1048576; pdftotext -q "$pdf" - 2> /dev/null || true) | wc -w)
      echo "ok      ${pdf#"$root"/}: $pages pages, encrypted: $encrypted, $words words"
    else
      echo "refused ${pdf#"$root"/}"
    fi
  done
}

main() {
  local generator
  generator="$(find_generator)"
  make_samples "$generator"
  make_scan "$generator"
  make_errors
  check_outputs
}

main "$@"
