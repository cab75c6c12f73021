#!/usr/bin/env bash
# The test suite once more, everything built with AddressSanitizer and
# UndefinedBehaviorSanitizer (-DIMR_SANITIZE=ON) in build-asan: imr,
# libimr_pdf.so, every test. Any finding, a leak included, fails its test.
# The README's test command (and so CI) ends with this script: on a clean
# 2-core machine the whole test command took 25 to 27 minutes (2026-12-07), about
# half of it this script's build, and its tests about 3.5.
#
# Usage: bash scripts/sanitized_test.sh [LABELS [LEFT_OUT]]
#   LABELS    ctest -L: run tests with a label it matches (default below)
#   LEFT_OUT  ctest -LE: but none with a label this matches (default below)
#
# Which labels, within CI's budget (the whole run under 30 minutes on 2
# cores): unit and golden, less any test that also has a label of those
# left to the plain build: data (the real letters and
# notes, ~4x slower sanitized), browser (Chromium is not ours to sanitize),
# network (npm ci once more) and slurm. Timings are in README "Tests".
set -euo pipefail
cd "$(dirname "$0")/.."
labels="${1:-^(unit|golden)$}"
left_out="${2:-^(data|browser|network|slurm)$}"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DIMR_SANITIZE=ON
cmake --build build-asan -j2
ctest --test-dir build-asan --output-on-failure -j2 -L "$labels" -LE "$left_out"
