"""Check an executed Deno notebook for dropped outputs.

The Deno Jupyter kernel can publish a cell's outputs after it reports the cell
idle; plain nbclient/nbconvert then silently leave the cell without its figure.
scripts/run_notebook.py (used by run-notebooks.sh) waits for late outputs; this
check stays as the guard. Each code cell must have at least as many rich outputs as it
has `show(` / `Deno.jupyter.display(` calls outside comments. Exit status 1
lists the cells that fall short.

Usage: python3 scripts/check_outputs.py EXECUTED.ipynb
"""
import json
import re
import sys


def expected_displays(source: str) -> int:
    # updates of an existing display (`update: true`) add no output of their own
    code = "\n".join(
        line for line in source.splitlines()
        if not line.lstrip().startswith("//") and "update: true" not in line
    )
    return len(re.findall(r"(?:\bawait\s+show|Deno\.jupyter\.display)\(", code))


def main(path: str) -> int:
    nb = json.load(open(path))
    short = []
    for index, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        want = expected_displays(source)
        got = sum(1 for o in cell.get("outputs", []) if o["output_type"] in ("display_data", "execute_result"))
        if got < want:
            short.append(f"cell {index}: {got} of {want} outputs")
    if short:
        print(f"{path}: dropped outputs: " + "; ".join(short))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
