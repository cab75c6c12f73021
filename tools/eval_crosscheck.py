#!/usr/bin/env python3
"""An independent count of `imr eval`'s letter figures, written apart from
report/eval.cc (its own matching and arithmetic), to check them: requests
found and matched, the letters' decisions, and the drafted determinations
against the reviewers (confusion matrix, accuracy, Cohen's kappa, overturn
recall). A developer's check, not part of the build.

  python3 tools/eval_crosscheck.py GOLD_DIR RECORDS_DIR
  imr eval --gold GOLD_DIR RECORDS_DIR --json | python3 tools/eval_crosscheck.py GOLD_DIR RECORDS_DIR -
    (with "-", the JSON on stdin is compared figure by figure)
"""
import json
import os
import re
import sys


def key(text):
    # The same request written with other spacing or a line-break hyphen.
    return re.sub(r"\s+", " ", re.sub(r"-\s+", "-", text)).strip().lower()


def main():
    gold_dir, records_dir = sys.argv[1], sys.argv[2]
    records = {}
    for name in os.listdir(records_dir):
        if name.endswith(".json"):
            record = json.load(open(os.path.join(records_dir, name)))
            stem = os.path.splitext(os.path.basename(record["source"]["path"]))[0]
            records[stem] = record
    gold_n = found_n = matched = decisions_right = 0
    cells = {}  # (reviewer decision, drafted outcome) -> count
    for name in sorted(os.listdir(gold_dir)):
        if not name.endswith(".gold.json"):
            continue
        gold = json.load(open(os.path.join(gold_dir, name)))
        record = records.get(name[: -len(".gold.json")], {"requests": []})
        found = {}
        for request in record.get("requests", []):
            found.setdefault(key(request["text"]), []).append(request)
        found_n += len(record.get("requests", []))
        for g in gold["requests"]:
            gold_n += 1
            candidates = found.get(key(g["text"]), [])
            if not candidates:
                continue
            request = candidates.pop(0)
            matched += 1
            decisions_right += (request.get("reference") or {}).get("decision") == g["decision"]
            outcome = (request.get("determination") or {}).get("outcome", "none")
            cells[(g["decision"], outcome)] = cells.get((g["decision"], outcome), 0) + 1
    n = sum(cells.values())
    yes = lambda gold: sum(c for (g, o), c in cells.items() if g == gold and o == "medically_necessary")
    no = lambda gold: sum(c for (g, o), c in cells.items() if g == gold and o != "medically_necessary")
    accuracy = (yes("overturned") + no("upheld")) / n
    gold_yes, said_yes = yes("overturned") + no("overturned"), yes("overturned") + yes("upheld")
    chance = (gold_yes / n) * (said_yes / n) + (1 - gold_yes / n) * (1 - said_yes / n)
    figures = {
        "requests.gold": gold_n, "requests.found": found_n, "requests.matched": matched,
        "requests.decision.correct": decisions_right,
        "determinations.total": n, "determinations.accuracy": accuracy,
        "determinations.kappa": (accuracy - chance) / (1 - chance),
        "determinations.overturn_recall": yes("overturned") / gold_yes if gold_yes else 0.0,
    }
    for (g, o), c in sorted(cells.items()):
        figures["determinations.confusion.%s.%s" % (g, o)] = c
    if len(sys.argv) > 3 and sys.argv[3] == "-":
        report = json.load(sys.stdin)
        differ = 0
        for path, value in figures.items():
            node = report
            for part in path.split("."):
                node = node.get(part, {}) if isinstance(node, dict) else {}
            same = isinstance(node, (int, float)) and abs(node - value) < 1e-9
            differ += not same
            print("%-55s %12s %12s %s" % (path, value if isinstance(value, int) else "%.6f" % value,
                                         node if isinstance(node, int) else ("%.6f" % node if isinstance(node, float) else node),
                                         "same" if same else "DIFFERENT"))
        sys.exit(1 if differ else 0)
    for path, value in figures.items():
        print(path, value)


if __name__ == "__main__":
    main()
