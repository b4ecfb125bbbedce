#!/usr/bin/env bash
# The test suite: set-up, every test under tests/, every JSDoc/README example, and a
# headless execution of every notebook. Ends with "N passed, N failed".
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=setup.sh
source scripts/setup.sh || { echo "0 passed, 1 failed"; exit 1; }
set +e
passed=0
failed=0

log="$(mktemp)"
"$DENO" test -A --doc tests/ lib/ mod.ts README.md 2>&1 | tee "$log"
deno_status=${PIPESTATUS[0]}
summary="$(grep -E '^(ok|FAILED) \| [0-9]+ passed' "$log" | tail -n1)"
if [ -n "$summary" ]; then
  p=$(sed -E 's/.*\| ([0-9]+) passed.*/\1/' <<<"$summary")
  f=$(sed -E 's/.*\| ([0-9]+) failed.*/\1/' <<<"$summary")
  passed=$((passed + p)); failed=$((failed + f))
fi
if [ "$deno_status" -ne 0 ] && { [ -z "$summary" ] || [ "${f:-0}" -eq 0 ]; }; then
  echo "deno test exited with status $deno_status (type check or load error)"
  failed=$((failed + 1))
fi
rm -f "$log"

if [ "${HAVE_JUPYTER:-0}" = "1" ]; then
  nblog="$(mktemp)"
  bash scripts/run-notebooks.sh "$ROOT/out/test-notebooks" | tee "$nblog"
  passed=$((passed + $(grep -c '^PASS notebook' "$nblog")))
  failed=$((failed + $(grep -c '^FAIL notebook' "$nblog")))
  rm -f "$nblog"
else
  echo "NOTICE: notebooks were not executed (Jupyter missing; see the set-up notice above)"
fi

echo "${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
