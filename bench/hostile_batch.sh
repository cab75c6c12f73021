#!/usr/bin/env bash
# Hostile input through `imr batch --jobs 2`, measured (issue 16's must-show):
#   - 40 dev letters (../shared/data/dwc-letters/pdf, read in place, the first
#     40 by name) damaged, 10 each: BYTE FLIPS (20 bytes XORed with a random
#     non-zero value, past the header), TRUNCATION at 70%, a BROKEN STARTXREF
#     (the last startxref offset replaced with 999999), SPLICED GARBAGE (4,000
#     random bytes inserted at a random place in the middle third);
#   - a 3,000-page packet (corpus/make_packets.sh --one 3000 SEED);
#   - 2 MB of random bytes named random.txt, and an empty empty.txt;
# all in one folder under a temporary directory, then
#   imr batch DIR -o OUT --jobs 2
# under /usr/bin/time -v, with the process tree sampled every 0.2 s by ps.
#
# It checks and prints: one valid JSON record per input (parsed, its
# source.path one of the inputs), the exit code (0 or 1 expected), wall time,
# peak memory, problems by code (each code counted once per record) and by
# mutation, how many damaged letters were repaired (pdf_repaired) or read
# (and per mutation, with the words read),
# and the slowest documents from the store.
#
# Peak memory, three ways: "largest process" is GNU time's maximum RSS (the
# kernel folds every reaped child's peak into its parent's, and the batch
# reaps its workers: the largest single process of the run); "tree sum" is
# the largest sum of RSS over the batch and all its descendants seen in one
# ps sample (shared pages counted once per process, so it over-counts); "one
# process" is the largest RSS of one process seen by the sampler.
#
# Usage: bash bench/hostile_batch.sh [--keep] [SEED]      (SEED default 16)
# Env: IMR (default build/imr), IMR_PACKET_GEN (default
# build/tools/imr_packet_gen), LETTERS (default ../shared/data/dwc-letters/pdf),
# EXTRA="--memory-mb 2048 ..." flags added to the batch.
# Writes only to a temporary directory (removed unless --keep); needs python3,
# qpdf (make_packets.sh), GNU time.
set -euo pipefail
export LC_ALL=C
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
imr="${IMR:-$root/build/imr}"
packet_gen="${IMR_PACKET_GEN:-$root/build/tools/imr_packet_gen}"
letters="${LETTERS:-$root/../shared/data/dwc-letters/pdf}"
keep=0
seed=16
for arg in "$@"; do
  case "$arg" in
    --keep) keep=1 ;;
    [0-9]*) seed="$arg" ;;
    *) echo "usage: hostile_batch.sh [--keep] [SEED]" >&2; exit 2 ;;
  esac
done
[[ -x "$imr" ]] || { echo "hostile_batch.sh: no $imr (build first)" >&2; exit 2; }
[[ -x "$packet_gen" ]] || { echo "hostile_batch.sh: no $packet_gen (cmake --build build --target imr_packet_gen)" >&2; exit 2; }
[[ -d "$letters" ]] || { echo "hostile_batch.sh: no dev letters at $letters" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "hostile_batch.sh: needs GNU time (/usr/bin/time)" >&2; exit 2; }

tmp="$(mktemp -d "${TMPDIR:-/tmp}/imr-hostile.XXXXXX")"
if ((keep)); then echo "kept: $tmp"; else trap 'rm -rf "$tmp"' EXIT; fi
in="$tmp/in"
out="$tmp/out"
mkdir -p "$in"

# The damaged letters, the random and the empty text: deterministic for a seed.
python3 - "$letters" "$in" "$seed" <<'EOF'
import os, random, sys
letters, out, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
rng = random.Random(seed)
names = sorted(n for n in os.listdir(letters) if n.lower().endswith(".pdf"))[:40]
if len(names) < 40:
    sys.exit("hostile_batch.sh: fewer than 40 letters in " + letters)

def flips(b):
    b = bytearray(b)
    for _ in range(20):
        at = rng.randrange(16, len(b))
        b[at] ^= rng.randrange(1, 256)
    return bytes(b)

def truncated(b):
    return b[: len(b) * 70 // 100]

def startxref(b):
    at = b.rfind(b"startxref")
    if at < 0:
        return b
    start = at + len(b"startxref")
    while b[start:start + 1] in (b"\r", b"\n", b" "):
        start += 1
    end = start
    while b[end:end + 1].isdigit():
        end += 1
    return b[:start] + b"999999" + b[end:]

def spliced(b):
    at = rng.randrange(len(b) // 3, 2 * len(b) // 3)
    return b[:at] + rng.randbytes(4000) + b[at:]

kinds = [("flip", flips), ("trunc", truncated), ("xref", startxref), ("splice", spliced)]
for i, name in enumerate(names):
    kind, mutate = kinds[i // 10]
    with open(os.path.join(letters, name), "rb") as f:
        data = f.read()
    with open(os.path.join(out, "%s-%s" % (kind, name)), "wb") as f:
        f.write(mutate(data))
with open(os.path.join(out, "random.txt"), "wb") as f:
    f.write(rng.randbytes(2 << 20))
open(os.path.join(out, "empty.txt"), "wb").close()
EOF
IMR_PACKET_GEN="$packet_gen" bash "$root/corpus/make_packets.sh" "$tmp/packet" --one 3000 "$seed" > /dev/null
mv "$tmp/packet"/packet-3000.pdf "$in/"
inputs=$(find "$in" -type f | wc -l)
echo "inputs: $inputs in $in"

# The batch, timed, its process tree sampled.
sampler() {  # sampler PID FILE: "tree_sum largest" in KB, one line per sample
  local pid="$1" file="$2"
  while kill -0 "$pid" 2> /dev/null; do
    ps -e -o pid=,ppid=,rss= | awk -v top="$pid" '
      { parent[$1] = $2; rss[$1] = $3 }
      END {
        for (p in parent) {
          q = p; n = 0
          while (q != "" && q != top && q > 1 && n++ < 64) q = parent[q]
          if (q == top) { sum += rss[p]; if (rss[p] > big) big = rss[p] }
        }
        print sum + 0, big + 0
      }' >> "$file"
    sleep 0.2
  done
}
set +e
/usr/bin/time -v -o "$tmp/time.txt" "$imr" batch "$in" -o "$out" --jobs 2 ${EXTRA:-} > "$tmp/batch.log" 2>&1 &
batch=$!
sleep 0.05
# /usr/bin/time's child is the batch: sample from time's pid (its tree holds it).
sampler "$batch" "$tmp/samples.txt" &
sampler_pid=$!
wait "$batch"
code=$?
wait "$sampler_pid" 2> /dev/null
set -e

echo "exit code: $code"
awk -F': ' '/Elapsed \(wall clock\)/ {print "wall time: " $2} /User time/ {u = $2} /System time/ {s = $2}
  /Maximum resident set size/ {printf "peak RSS, largest process (GNU time): %.0f MB\n", $2 / 1024}
  END {printf "CPU time, batch and its workers: %.1f s user, %.1f s system\n", u, s}' "$tmp/time.txt"
awk '{ if ($1 > s) s = $1; if ($2 > b) b = $2 } END { printf "peak RSS, tree sum (ps every 0.2 s): %.0f MB; one process: %.0f MB; %d samples\n", s / 1024, b / 1024, NR }' "$tmp/samples.txt"

python3 - "$in" "$out" <<'EOF'
import collections, json, os, sqlite3, sys
inputs, out = sys.argv[1], sys.argv[2]
names = sorted(os.listdir(inputs))
records, bad = {}, []
for f in sorted(os.listdir(out)):
    if not f.endswith(".json"):
        continue
    try:
        with open(os.path.join(out, f), encoding="utf-8") as h:
            r = json.load(h)
        records[os.path.basename(r["source"]["path"])] = r
    except Exception as e:
        bad.append("%s: %s" % (f, type(e).__name__))
missing = [n for n in names if n not in records]
print("records: %d valid JSON for %d inputs; invalid: %d; inputs without a record: %d"
      % (len(records), len(names), len(bad), len(missing)))
for line in bad + ["missing: " + m for m in missing]:
    print("  " + line)

by_code = collections.Counter()
by_kind = collections.defaultdict(collections.Counter)
for name, r in records.items():
    codes = sorted({p["code"] for p in r.get("problems", [])}) or ["(none)"]
    kind = name.split("-")[0] if name.split("-")[0] in ("flip", "trunc", "xref", "splice") else name
    for c in codes:
        by_code[c] += 1
        by_kind[kind][c] += 1
print("problems by code (records carrying it):")
for c, n in by_code.most_common():
    print("  %-28s %d" % (c, n))
print("by input:")
for kind in ("flip", "trunc", "xref", "splice"):
    print("  %-7s %s" % (kind, ", ".join("%s %d" % kv for kv in sorted(by_kind[kind].items()))))
for name in ("packet-3000.pdf", "random.txt", "empty.txt"):
    r = records.get(name)
    if r:
        print("  %-16s %s; pages %s" % (name, ", ".join(sorted({p["code"] for p in r.get("problems", [])})) or "(none)",
                                        r["source"].get("page_count")))
damaged = [r for n, r in records.items() if n.split("-")[0] in ("flip", "trunc", "xref", "splice")]
read = [r for r in damaged if any(p.get("text", "").strip() for p in r.get("pages", []))]
silent = [r for r in damaged if not r.get("problems")]
print("damaged letters with no problem at all: %d" % len(silent))
repaired = [r for r in damaged if any(p["code"] == "pdf_repaired" for p in r.get("problems", []))]
print("damaged letters: %d; with text read: %d; repaired (pdf_repaired): %d" % (len(damaged), len(read), len(repaired)))
for kind in ("flip", "trunc", "xref", "splice"):
    mine = [r for n, r in records.items() if n.split("-")[0] == kind]
    has_text = [r for r in mine if any(p.get("text", "").strip() for p in r.get("pages", []))]
    fixed = [r for r in mine if any(p["code"] == "pdf_repaired" for p in r.get("problems", []))]
    words = sum(len(p.get("text", "").split()) for r in mine for p in r.get("pages", []))
    print("  %-7s %d letters: %d with text read, %d repaired, %d words read" % (kind, len(mine), len(has_text), len(fixed), words))
db = os.path.join(out, "imr.sqlite")
if os.path.exists(db):
    con = sqlite3.connect(db)
    rows = con.execute("SELECT record_file, page_count, milliseconds FROM documents ORDER BY milliseconds DESC LIMIT 3").fetchall()
    print("slowest (store): " + "; ".join("%s %d pages %.0f ms" % row for row in rows))
    total = con.execute("SELECT sum(milliseconds), count(*) FROM documents").fetchone()
    print("documents in the store: %d, %.1f s of worker time" % (total[1], (total[0] or 0) / 1000))
EOF
tail -n 3 "$tmp/batch.log" | sed 's/^/batch: /'
