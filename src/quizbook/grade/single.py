"""One student's Gradescope results, for a Gradescope autograder that grades one submission.

Gradescope runs an autograder once per submission and reads `/autograder/results/results.json`.
After `quizbook grade` has graded the submission folder, `write_single_result` copies the one
student's results there; when nothing could be graded, it writes a result of zero that says
why, so the student sees the reason instead of a failed autograder.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from ..files import write_atomic


class SingleResultError(Exception):
    """The folder holds results for more than one student."""


def write_single_result(out: Path, results: Path) -> str:
    """Copy the one graded student's results.json to `results`; say what was written."""
    found = sorted(out.glob("*/gradescope/*.json"))
    if len(found) > 1:
        raise SingleResultError(
            f"{len(found)} students graded: a Gradescope result is for one submission"
        )
    text = found[0].read_text(encoding="utf-8") if found else _nothing_graded(out)
    write_atomic(results, text)
    return "the submission's results" if found else "a zero result: nothing could be graded"


def _nothing_graded(out: Path) -> str:
    with open(out / "rejected.csv", encoding="utf-8", newline="") as f:
        reasons = [f"{Path(row['file']).name}: {row['reason']}" for row in csv.DictReader(f)]
    said = "; ".join(reasons) or "the submission holds no files"
    output = (
        "No answers could be graded. Upload the response file that 'Download my answers'"
        f" (book) or 'Save my answers' (notebook) wrote. What was found: {said}."
    )
    return json.dumps({"score": 0, "output": output, "visibility": "visible", "tests": []}) + "\n"
