#!/usr/bin/env bash
# Whether two builds of imr write the same records, byte for byte: the check
# behind every speed change that claims not to change what imr reads. Each
# build runs `imr run -o` over the same inputs, and the output folders are
# compared with diff -r (records, and nothing else is written there):
#   - the dev letters (../shared/data/dwc-letters/pdf) and dev notes
#     (../shared/data/notes-dev/*.txt), read in place, when they are there;
#   - every corpus input (corpus/*.pdf, corpus/scanned, corpus/errors), each
#     errors file on its own (a damaged file must not change its neighbours);
#   - a 200-page packet (corpus/make_packets.sh --one 200 7).
#
#   bash bench/same_records.sh OLD_IMR NEW_IMR     # exit 0: the same records
#
# A build's PDF module is the one beside its binary (IMR_PDF_MODULE unset).
# Records are medical: they are written under a private temporary folder,
# removed at the end, and only file names are printed.
set -euo pipefail
(($# == 2)) || { echo "usage: same_records.sh OLD_IMR NEW_IMR" >&2; exit 2; }
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="$root/../shared/data"
work="$(mktemp -d)"
chmod 700 "$work"
trap 'rm -rf "$work"' EXIT
bash "$root/corpus/make_packets.sh" "$work/packet" --one 200 7 >/dev/null 2>&1

# records IMR OUT: every input's record under OUT, one folder a set.
records() {
  local imr="$1" out="$2" f
  mkdir -p "$out"/{letters,notes,corpus,scanned,errors,packet}
  if [[ -d "$shared/dwc-letters/pdf" ]]; then "$imr" run "$shared"/dwc-letters/pdf/*.pdf -o "$out/letters" >/dev/null 2>&1 || true; fi
  if [[ -d "$shared/notes-dev" ]]; then "$imr" run "$shared"/notes-dev/*.txt -o "$out/notes" >/dev/null 2>&1 || true; fi
  "$imr" run "$root"/corpus/*.pdf -o "$out/corpus" >/dev/null 2>&1 || true
  "$imr" run "$root"/corpus/scanned/*.pdf -o "$out/scanned" >/dev/null 2>&1 || true
  for f in "$root"/corpus/errors/*; do "$imr" run "$f" -o "$out/errors" >/dev/null 2>&1 || true; done
  "$imr" run "$work"/packet/packet-200.pdf -o "$out/packet" >/dev/null 2>&1 || true
}
records "$1" "$work/old"
records "$2" "$work/new"
count=$(find "$work/old" -name '*.json' | wc -l)
if diff -rq "$work/old" "$work/new" >"$work/diff.txt"; then
  echo "same_records: the same $count records"
else
  echo "same_records: records differ:" >&2
  sed "s#$work/##g" "$work/diff.txt" >&2
  exit 1
fi
