#!/usr/bin/env bash
# Installs every Debian package imr needs to build, test and benchmark.
# The one place dependencies are named. Safe to run again: apt skips what is there.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git ca-certificates
  libpoppler-private-dev                # ingest: Poppler's core headers (PDFDoc, TextOutputDev), read directly
  liblcms2-dev                          # ingest: the CIE Lab profile text is read towards (pdf_text.cc)
  libpoppler-cpp-dev poppler-utils      # bench: poppler-cpp's text_list for comparison; pdftotext
  libtesseract-dev tesseract-ocr tesseract-ocr-eng  # ingest: OCR of pages without text
  libre2-dev                            # extract, normalize: pattern tables
  libqpdf-dev                           # ingest: damaged PDFs told from encrypted ones, and rebuilt
  nlohmann-json3-dev                    # pipeline, decide: JSON records and rule files
  libsqlite3-dev                        # pipeline: result store
  libssl-dev                            # pipeline: SHA-256 of each input
  libmimalloc-dev                       # imr: the allocator (CMake IMR_MALLOC)
  libgtest-dev libgmock-dev             # tests
  libbenchmark-dev                      # bench
  clang-14 libclang-rt-14-dev           # fuzz/: libFuzzer targets, built with clang (-DIMR_FUZZ=ON)
  libcairo2-dev fonts-dejavu-core qpdf  # imr letter --pdf, imr view pages, corpus generator; encrypted samples
  nodejs npm                            # tests/fhir: FHIR R4 JSON schema check of bundles
  chromium                              # tests/browser: the HTML reports opened headless
  slurmctld slurmd slurm-client munge sqlite3  # tests/slurm_test.sh: imr batch as a Slurm array; the store counted
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' && continue
  # NodeSource's nodejs bundles npm and conflicts with Debian's npm package.
  [ "$p" = npm ] && command -v npm >/dev/null && continue
  missing+=("$p")
done

if ((${#missing[@]})); then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
