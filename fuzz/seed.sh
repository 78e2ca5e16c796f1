#!/usr/bin/env bash
# Fills fuzz/corpus/check with the project's own trackers and test fixtures, the seed
# corpus the fuzzer mutates. Safe to run again: it only copies.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p fuzz/corpus/check
for f in tracker/*.yaml tests/fixtures/*.yaml tests/fixtures/*/*.yaml; do
  cp "$f" "fuzz/corpus/check/seed-$(basename "$(dirname "$f")")-$(basename "$f")"
done
echo "seeded $(ls fuzz/corpus/check | wc -l) files into fuzz/corpus/check"
