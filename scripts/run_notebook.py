"""Execute a notebook headless with the Deno kernel, keeping every output.

The Deno kernel (2.9.6) publishes `Deno.jupyter.display(...)` outputs and a cell's
result through a queue drained by another task, while it publishes the cell's
`status: idle` directly; so the idle can overtake the cell's last outputs.
nbclient (and so `jupyter nbconvert --execute`) stops reading a cell's IOPub
messages at its idle, and the late outputs are dropped. This runner is nbclient
with one change: after a cell's idle it keeps reading IOPub until nothing has
arrived for a grace period (default 0.5 s), and adds the late outputs of that
cell to it. Nothing in the notebook needs to change (no `show()` helper).

Usage:
  python3 scripts/run_notebook.py NOTEBOOK.ipynb [-o EXECUTED.ipynb] [--cwd DIR]
      [--kernel deno] [--timeout 900] [--grace 0.5]

Writes the executed notebook (default: overwrite NOTEBOOK.ipynb's copy at -o, or
print nothing and write beside it as NAME.executed.ipynb). The kernel starts in
--cwd (default: the notebook's folder). Prints a count of late outputs kept on
stderr. Exit status 1 when a cell raised (the executed copy is still written).
"""
import argparse
import asyncio
import os
import sys
from queue import Empty

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionComplete, CellExecutionError
from nbclient.util import ensure_async


class GraceClient(NotebookClient):
    """NotebookClient that keeps reading a cell's IOPub messages after its idle."""

    def __init__(self, nb, grace: float, **kw):
        super().__init__(nb, **kw)
        self.grace = grace
        self.late = 0

    async def _async_poll_output_msg(self, parent_msg_id, cell, cell_index):
        await super()._async_poll_output_msg(parent_msg_id, cell, cell_index)
        while True:
            try:
                msg = await ensure_async(self.kc.iopub_channel.get_msg(timeout=self.grace))
            except Empty:
                return
            if msg["parent_header"].get("msg_id") != parent_msg_id:
                continue
            if msg["msg_type"] in ("display_data", "execute_result", "stream", "error",
                                   "update_display_data"):
                self.late += 1
            try:
                self.process_message(msg, cell, cell_index)
            except CellExecutionComplete:
                pass


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("notebook")
    ap.add_argument("-o", "--output")
    ap.add_argument("--cwd")
    ap.add_argument("--kernel", default="deno")
    ap.add_argument("--timeout", type=int, default=900)
    ap.add_argument("--grace", type=float, default=0.5)
    a = ap.parse_args()
    out = a.output or os.path.splitext(a.notebook)[0] + ".executed.ipynb"
    nb = nbformat.read(a.notebook, as_version=4)
    client = GraceClient(
        nb,
        a.grace,
        timeout=a.timeout,
        iopub_timeout=60,
        kernel_name=a.kernel,
        resources={"metadata": {"path": a.cwd or os.path.dirname(os.path.abspath(a.notebook))}},
    )
    status = 0
    try:
        client.execute()
    except CellExecutionError as e:
        print(str(e), file=sys.stderr)
        status = 1
    finally:
        nbformat.write(nb, out)
    print(f"{a.notebook}: {client.late} late output(s) kept", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
