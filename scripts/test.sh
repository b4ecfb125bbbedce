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

# A one-node SLURM cluster runs the README's job-array recipes (scripts/cluster-test.sh): its
# PASS/FAIL lines count; an environment that cannot run it prints a NOTICE and counts nothing.
if [ "${NEUROCOMPARE_CLUSTER_TEST:-1}" = "0" ]; then
  echo "NOTICE: cluster test skipped (NEUROCOMPARE_CLUSTER_TEST=0)"
else
  cllog="$(mktemp)"
  timeout -k 30 "${CLUSTER_TEST_TIMEOUT:-1800}" bash scripts/cluster-test.sh 2>&1 | tee "$cllog"
  cl_status=${PIPESTATUS[0]}
  cl_pass=$(grep -c '^PASS cluster' "$cllog")
  cl_fail=$(grep -c '^FAIL cluster' "$cllog")
  passed=$((passed + cl_pass)); failed=$((failed + cl_fail))
  if [ "$cl_status" -eq 124 ] || [ "$cl_status" -eq 137 ]; then
    echo "NOTICE: cluster test stopped after ${CLUSTER_TEST_TIMEOUT:-1800}s (environment too slow?)"
  elif [ "$cl_status" -ne 0 ] && [ "$cl_fail" -eq 0 ]; then
    echo "FAIL cluster test: exited with status $cl_status"
    failed=$((failed + 1))
  fi
  rm -f "$cllog"
fi

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
