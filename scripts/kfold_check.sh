#!/usr/bin/env bash
# The k-fold check of the rulebook (decide/rules/CHANGES.md, "k-fold log"):
# the rules as they were at COMMIT, frozen, drafting determinations for the
# dev letters, scored fold by fold (5 folds by a hash of the case number,
# report/eval.h FoldOf). Run it before reading a fold's misses: the figure
# for that fold is then the rules' agreement on letters they were not
# written against.
#
# Usage: bash scripts/kfold_check.sh [COMMIT] [LETTERS_DIR]
#   COMMIT       the rulebook to freeze (default HEAD; the working tree's
#                rules with "worktree")
#   LETTERS_DIR  a folder with pdf/ and gold/ (default ../shared/data/dwc-letters)
# Needs build/imr. Prints the rulebook's commit and the fold table.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
commit="${1:-HEAD}"
letters="${2:-$root/../shared/data/dwc-letters}"
imr="$root/build/imr"
[[ -x "$imr" ]] || { echo "kfold_check: build imr first ($imr)" >&2; exit 2; }
[[ -d "$letters/pdf" && -d "$letters/gold" ]] || { echo "kfold_check: no letters at $letters (skipped)" >&2; exit 0; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [[ "$commit" == worktree ]]; then
  mkdir -p "$work/decide" && cp -r "$root/decide/rules" "$work/decide/rules"
  echo "rulebook: working tree of $(git -C "$root" rev-parse --short HEAD)"
else
  git -C "$root" archive "$commit" decide/rules | tar -x -C "$work"
  echo "rulebook: $(git -C "$root" rev-parse --short "$commit")"
fi
"$imr" rules check "$work/decide/rules"
"$imr" run "$letters"/pdf/*.pdf -o "$work/out" --rules "$work/decide/rules" > /dev/null 2>&1 || true
"$imr" eval --gold "$letters/gold" "$work/out" |
  awk '/^determinations/ {on = 1} on {print} / accuracy [0-9.]+  kappa/ {on = 0} /folds by case number/ {folds = 1} folds {print} /mean accuracy/ {folds = 0}'
