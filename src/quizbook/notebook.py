"""Refresh the expected output of a chapter's checked cells.

`python -m quizbook.notebook refresh chapters/*.ipynb` runs each notebook in a fresh
`python3` kernel (in the notebook's folder) and writes back only the outputs of cells tagged
`nbval-check-output`, with their execution counts (nbval compares only cells that have one);
every other cell is left with no outputs and no count. Nothing else in the file changes (no
metadata, no widget state), the file is replaced atomically, and a cell that fails leaves the
notebook as it was.
"""

from __future__ import annotations

import argparse
import copy
import sys
from pathlib import Path

import nbformat

from .files import write_atomic

CHECKED = "nbval-check-output"


def refresh(path: str | Path, *, timeout: int = 300, kernel_name: str = "python3") -> int:
    """Execute one notebook and keep only its checked cells' outputs; returns their number."""
    from nbclient import NotebookClient

    path = Path(path)
    original = nbformat.read(path, as_version=4)
    run = copy.deepcopy(original)
    client = NotebookClient(
        run,
        timeout=timeout,
        kernel_name=kernel_name,
        resources={"metadata": {"path": str(path.resolve().parent)}},
    )
    client.execute()
    kept = 0
    for cell, ran in zip(original.cells, run.cells, strict=True):
        if cell.cell_type != "code":
            continue
        if CHECKED in cell.get("metadata", {}).get("tags", []):
            cell.outputs = _coalesce(ran.outputs)
            cell.execution_count = ran.execution_count
            kept += 1
        else:
            cell.outputs = []
            cell.execution_count = None
    text = nbformat.writes(original)
    text = text if text.endswith("\n") else text + "\n"
    write_atomic(path, text, mode=path.stat().st_mode & 0o777)
    return kept


def _coalesce(outputs: list) -> list:
    """Join consecutive stream outputs of the same stream (as nbval reads them)."""
    out: list = []
    for output in outputs:
        if (
            output.get("output_type") == "stream"
            and out
            and out[-1].get("output_type") == "stream"
            and out[-1].get("name") == output.get("name")
        ):
            out[-1]["text"] += output["text"]
        else:
            out.append(output)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m quizbook.notebook", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    r = sub.add_parser("refresh", help="rerun notebooks; keep only checked cells' outputs")
    r.add_argument("paths", nargs="+", metavar="NOTEBOOK")
    r.add_argument("--timeout", type=int, default=300, help="seconds per cell (default 300)")
    args = parser.parse_args(argv)
    failed = 0
    for name in args.paths:
        try:
            kept = refresh(name, timeout=args.timeout)
        except Exception as err:  # report each notebook, then go on with the others
            failed += 1
            detail = str(err).strip().splitlines()
            print(f"{name}: not refreshed: {type(err).__name__}", file=sys.stderr)
            for line in detail[-20:]:
                print(f"  {line}", file=sys.stderr)
        else:
            print(f"{name}: refreshed ({kept} checked cell{'' if kept == 1 else 's'})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
