#!/usr/bin/env bash
# The main job: execute every notebook in notebooks/ headless on the bundled data and
# write executed notebooks + standalone HTML into out/notebooks/.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=setup.sh
source scripts/setup.sh || exit 1
if [ "${HAVE_JUPYTER:-0}" != "1" ]; then
  echo "Jupyter is required to execute the notebooks: apt-get install jupyter-nbconvert python3-nbclient python3-ipykernel jupyter-core" >&2
  exit 1
fi
bash scripts/run-notebooks.sh "$ROOT/out/notebooks" --html
status=$?
echo "Executed notebooks and HTML are in out/notebooks/"
exit $status
