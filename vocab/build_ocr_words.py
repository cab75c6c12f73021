#!/usr/bin/env python3
"""Writes vocab/ocr_words.tsv: English words, for repairing OCR misreadings.

    python3 vocab/build_ocr_words.py vocab/ocr_words.tsv

OCR reads "rn" for "m" and breaks words at line-end hyphens; ingest repairs a
word only when the repaired form is a known word and the word as read is not
(ingest/ocr_repair.h). The clinical vocabularies know the medical words; this
file knows the rest: Debian's wamerican word list (/usr/share/dict/words,
SCOWL, 2020.12.07), words of letters only, three or more, lower case, sorted.
Proper names (states, months) are kept: a letter's header names them.
"""
import sys

MIN_LETTERS = 3


def main(out_path):
    try:
        with open("/usr/share/dict/words", encoding="utf-8", errors="ignore") as f:
            words = {w.strip().lower() for w in f}
    except FileNotFoundError:
        sys.exit("build_ocr_words: /usr/share/dict/words is missing (apt-get install wamerican)")
    words = sorted(w for w in words if len(w) >= MIN_LETTERS and w.isascii() and w.isalpha())
    with open(out_path, "w", encoding="utf-8", newline="\n") as out:
        out.write("# English words for OCR repair (ingest/ocr_repair.h), one a line, lower case.\n")
        out.write("# Derived by vocab/build_ocr_words.py from Debian's wamerican 2020.12.07\n")
        out.write("# (/usr/share/dict/words, SCOWL): letters only, three or more. Do not edit by hand.\n")
        for w in words:
            out.write(w + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: build_ocr_words.py OUT.tsv")
    main(sys.argv[1])
