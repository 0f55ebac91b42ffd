#!/usr/bin/env bash
# Every accuracy measure in one run (see docs/accuracy.md): seeds, check cases, the consistent
# corpus, mutations and the 1,000-article scale corpus.  Run from the repository root.
set -uo pipefail
PY=${PY:-.venv/bin/python}
CC=${CC:-.venv/bin/claimcheck}
out=$(mktemp -d)
$CC check ../shared/corpus/seeds --json "$out/seeds.json" --fail-on never >/dev/null
$PY ../shared/tools/score_report.py --gold ../shared/gold/seeds.json --corpus ../shared/corpus/seeds \
  --report "$out/seeds.json" | tail -1
echo "check cases: $($PY -m pytest tests/test_check_cases.py 2>&1 | grep -E "[0-9]+ (passed|failed)")"
echo "consistent corpus: $($CC check tests/corpora/consistent --fail-on never | tail -1)"
echo "example: $($CC check examples/launch --fail-on never | tail -1)"
$PY benchmarks/mutations.py 2>/dev/null | tail -8
if [ -d benchmarks/.cache/scale-1000 ]; then
  echo "scale-1000: $($CC check benchmarks/.cache/scale-1000 --fail-on never | tail -1)"
fi
rm -rf "$out"
