#!/usr/bin/env bash
# Writes the fuzz targets' seed corpora from the project's own corpus/ into OUT
# (never into git: the PDFs are larger than seeds need to be committed).
#
#   bash fuzz/make_seeds.sh SOURCE_DIR OUT
#
# OUT/text: corpus/src/*.txt (the letters' typeset sources), the text of every
#           corpus PDF as pdftotext lays it out, and the text inputs of corpus/errors.
# OUT/pdf:  every corpus PDF and corpus/errors file, and each PDF again with its
#           streams uncompressed and object streams undone (qpdf), so that
#           mutations land in page content and cross-reference tables rather
#           than in deflated bytes.
# Needs pdftotext and qpdf (scripts/setup.sh); without them those seeds are skipped.
set -euo pipefail
src="$1"
out="$2"
mkdir -p "$out/text" "$out/pdf"

cp "$src"/corpus/src/*.txt "$out/text/"
for f in "$src"/corpus/errors/*; do
  case "$f" in
    *.pdf) cp "$f" "$out/pdf/" ;;
    *) cp "$f" "$out/text/" ;;
  esac
done

for pdf in "$src"/corpus/*.pdf; do
  stem="$(basename "$pdf" .pdf)"
  cp "$pdf" "$out/pdf/"
  if command -v pdftotext >/dev/null; then
    pdftotext -layout "$pdf" "$out/text/$stem.layout.txt" 2>/dev/null || true
  fi
  if command -v qpdf >/dev/null; then
    # qpdf exits 3 for warnings; the file is written all the same.
    qpdf --stream-data=uncompress --object-streams=disable --decrypt "$pdf" "$out/pdf/$stem.plain.pdf" 2>/dev/null || true
    # A scan's uncompressed image is megabytes of pixels: no seed for a fuzzer.
    if [[ -f "$out/pdf/$stem.plain.pdf" && $(stat -c %s "$out/pdf/$stem.plain.pdf") -gt 200000 ]]; then
      rm "$out/pdf/$stem.plain.pdf"
    fi
  fi
done
# An empty text file from pdftotext (the scanned report has no text layer) seeds nothing.
find "$out" -type f -empty -delete
echo "seeds: $(ls "$out/text" | wc -l) text, $(ls "$out/pdf" | wc -l) pdf in $out"
