"""quizbook grade: submissions in every form an instructor has them, graded from data."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from quizbook.cli import main as cli
from quizbook.grade import GradeError, Options, grade

from .grading import RIGHT, notebook_bytes, response, response_bytes, write_key, write_zip

WRONG = {
    "longest": 1,
    "lakes": [2],
    "delta": False,
    "length": 100,
    "capital": "Rome",
    "north": [2, 1, 0],
    "pairs": [1, 0],
}


def rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture
def key(tmp_path) -> Path:
    return write_key(tmp_path / "keys")


def run(key, inputs, out, **options) -> Path:
    grade([str(key)], [str(i) for i in inputs], out, Options(jobs=1, progress=False, **options))
    return Path(out)


def test_a_folder_of_response_files(tmp_path, key):
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "ann.json").write_bytes(response_bytes("ann", RIGHT))
    (subs / "bob.json").write_bytes(response_bytes("bob", WRONG))
    (subs / "notes.txt").write_text("not a submission")
    out = run(key, [subs], tmp_path / "out")
    grades = rows(out / "rivers" / "grades.csv")
    assert [(g["student"], g["total"], g["maximum"], g["percent"]) for g in grades] == [
        ("ann", "7", "7", "100"),
        ("bob", "0", "7", "0"),
    ]
    assert grades[0]["longest"] == "1" and grades[1]["longest"] == "0"
    assert rows(out / "rejected.csv") == [
        {
            "file": str(subs / "notes.txt"),
            "reason": "not a response file (.json) or notebook (.ipynb)",
        }
    ]
    results = json.loads((out / "rivers" / "gradescope" / "ann.json").read_text())
    assert results["score"] == 7 and results["visibility"] == "visible"
    assert {t["status"] for t in results["tests"]} == {"passed"}
    assert set(results["tests"][0]) == {
        "name",
        "score",
        "max_score",
        "status",
        "output",
        "visibility",
    }
    page = (out / "rivers" / "feedback" / "bob.html").read_text()
    assert "The Congo is the deepest" in page and "Right answer" in page
    assert "<script" not in page


def test_partial_credit_reaches_every_output(tmp_path, key):
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "cy.json").write_bytes(
        response_bytes("cy", {**RIGHT, "lakes": [0], "north": [1, 0, 2]})
    )
    out = run(key, [subs], tmp_path / "out")
    (row,) = rows(out / "rivers" / "grades.csv")
    assert (row["lakes"], row["north"]) == ("0.5", "0.67")
    tests = json.loads((out / "rivers" / "gradescope" / "cy.json").read_text())["tests"]
    assert tests[1]["score"] == 0.5 and tests[1]["status"] == "failed"


def test_canvas_download_names_the_student(tmp_path, key):
    zipped = write_zip(
        tmp_path / "submissions.zip",
        {
            "doejane_12345_6789012_rivers-response.json": response_bytes("Jane typed this", RIGHT),
            "roebob_LATE_23456_7890123_rivers-response-1.json": response_bytes("", WRONG),
        },
    )
    out = run(key, [zipped], tmp_path / "out")
    grades = rows(out / "rivers" / "grades.csv")
    assert [(g["student"], g["name"], g["status"]) for g in grades] == [
        ("12345", "doejane", "graded"),
        ("23456", "roebob", "late"),
    ]
    assert grades[0]["source"] == f"{zipped}!doejane_12345_6789012_rivers-response.json"


def test_moodle_download_folders_name_the_student(tmp_path, key):
    zipped = write_zip(
        tmp_path / "moodle.zip",
        {
            "Jane Doe_41_assignsubmission_file/rivers-response.json": response_bytes("", RIGHT),
            "Bob Roe_42_assignsubmission_file_/answers.ipynb": notebook_bytes(
                [response("", WRONG)]
            ),
        },
    )
    out = run(key, [zipped], tmp_path / "out")
    assert [(g["student"], g["name"], g["total"]) for g in rows(out / "rivers" / "grades.csv")] == [
        ("41", "Jane Doe", "7"),
        ("42", "Bob Roe", "0"),
    ]


def test_the_latest_submission_counts_unless_told_otherwise(tmp_path, key):
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "a1.json").write_bytes(response_bytes("ann", WRONG, saved="2026-12-01T09:00:00Z"))
    (subs / "a2.json").write_bytes(response_bytes("ann", RIGHT, saved="2026-12-02T09:00:00Z"))
    (row,) = rows(run(key, [subs], tmp_path / "latest") / "rivers" / "grades.csv")
    assert (row["total"], row["submissions"]) == ("7", "2")
    (row,) = rows(
        run(key, [subs], tmp_path / "earliest", keep="earliest") / "rivers" / "grades.csv"
    )
    assert row["total"] == "0"
    received = rows(tmp_path / "latest" / "received.csv")
    assert sorted(r["outcome"] for r in received) == [
        "counted",
        "superseded: another submission counted",
    ]


def test_first_attempts_or_final_answers(tmp_path, key):
    subs = tmp_path / "subs"
    subs.mkdir()
    checks = {qid: 2 for qid in RIGHT}
    (subs / "v2.json").write_bytes(response_bytes("ann", RIGHT, checks=checks, first=WRONG))
    (subs / "v1.json").write_bytes(response_bytes("bob", RIGHT))
    first = rows(run(key, [subs], tmp_path / "first", basis="first") / "rivers" / "grades.csv")
    assert [(r["student"], r["total"], r["basis"]) for r in first] == [
        ("ann", "0", "first"),
        ("bob", "7", "first"),
    ]
    assert first[1]["status"] == "first attempts not recorded: final answers graded"
    final = rows(run(key, [subs], tmp_path / "final") / "rivers" / "grades.csv")
    assert [r["total"] for r in final] == ["7", "7"]


def test_a_changed_key_is_flagged_or_rejected(tmp_path, key):
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "ann.json").write_bytes(response_bytes("ann", RIGHT))
    write_key(key.parent, key.read_text().replace("Most atlases give", "Atlases give"))
    (row,) = rows(run(key, [subs], tmp_path / "flag") / "rivers" / "grades.csv")
    assert row["status"] == "answered a different version of the key"
    out = run(key, [subs], tmp_path / "reject", changed_key="reject")
    assert not (out / "rivers").exists()
    assert rows(out / "rejected.csv")[0]["reason"] == "answered a different version of the key"


def test_a_saved_notebook_is_graded_without_running_it(tmp_path, key):
    trap = tmp_path / "ran"
    notebook = json.loads(notebook_bytes([response("ann", RIGHT)]))
    notebook["cells"][0]["source"] = f"open({str(trap)!r}, 'w').write('student code ran')"
    (tmp_path / "subs").mkdir()
    (tmp_path / "subs" / "ann.ipynb").write_text(json.dumps(notebook))
    (row,) = rows(run(key, [tmp_path / "subs"], tmp_path / "out") / "rivers" / "grades.csv")
    assert row["total"] == "7"
    assert not trap.exists()


def test_printed_text_that_looks_like_a_response_is_not_one(tmp_path, key):
    printed = {
        "output_type": "stream",
        "name": "stdout",
        "text": json.dumps(response("eve", RIGHT)),
    }
    (tmp_path / "subs").mkdir()
    (tmp_path / "subs" / "eve.ipynb").write_bytes(notebook_bytes([], [printed]))
    out = run(key, [tmp_path / "subs"], tmp_path / "out")
    assert "no saved answers" in rows(out / "rejected.csv")[0]["reason"]


def test_assessed_quizzes_keep_their_key_in_feedback(tmp_path, key):
    write_key(key.parent, key.read_text().replace("mode: practice", "mode: assessed"))
    (tmp_path / "subs").mkdir()
    (tmp_path / "subs" / "bob.json").write_bytes(response_bytes("bob", WRONG))
    out = run(key, [tmp_path / "subs"], tmp_path / "out")
    page = (out / "rivers" / "feedback" / "bob.html").read_text()
    for secret in ("Right answer", "Most atlases give", "the deepest", "Lake Victoria"):
        assert secret not in page
    assert "Your answer" in page and "0 of 7 points" in page
    results = json.loads((out / "rivers" / "gradescope" / "bob.json").read_text())
    assert results["visibility"] == "after_published"
    assert all("Right answer" not in t["output"] for t in results["tests"])


def test_running_twice_gives_the_same_bytes(tmp_path, key):
    subs = tmp_path / "subs"
    subs.mkdir()
    for i in range(30):
        (subs / f"s{i}.json").write_bytes(response_bytes(f"s{i:02d}", RIGHT if i % 3 else WRONG))
    one = run(key, [subs], tmp_path / "one")
    two = grade([str(key)], [str(subs)], tmp_path / "two", Options(jobs=2, progress=False))
    files = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(two.out) for p in two.out.rglob("*") if p.is_file())
    for f in files:
        assert (one / f).read_bytes() == (two.out / f).read_bytes(), f


def test_rerunning_replaces_only_its_own_folder(tmp_path, key):
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "ann.json").write_bytes(response_bytes("ann", RIGHT))
    out = run(key, [subs], tmp_path / "out")
    run(key, [subs], out)  # a folder it wrote: replaced
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.tex").write_text("precious")
    with pytest.raises(GradeError, match="did not write"):
        run(key, [subs], mine)
    assert (mine / "thesis.tex").read_text() == "precious"


def test_a_broken_key_stops_the_run_before_anything_is_written(tmp_path):
    bad = write_key(tmp_path / "keys", "id: rivers\ntitle: R\nquestions: []\n")
    with pytest.raises(GradeError, match=r"rivers.yml:\d+: quiz: "):
        run(bad, [tmp_path], tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_the_command_line(tmp_path, key, capsys):
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "ann.json").write_bytes(response_bytes("ann", RIGHT))
    assert cli(["grade", str(subs), "-k", str(key), "-o", str(tmp_path / "out"), "-j", "1"]) == 0
    out = capsys.readouterr().out
    assert "rivers: 1 student graded" in out and "1 file(s) graded, 0 rejected" in out
    assert (
        cli(["grade", str(subs), "-k", str(tmp_path / "nothing"), "-o", str(tmp_path / "o2")]) == 1
    )
    err = capsys.readouterr().err
    assert err.startswith("quizbook grade: ") and "nothing:1: quiz: cannot read the file" in err


def test_a_gradescope_autograder_run_writes_one_results_file(tmp_path, key):
    """What an autograder's run_autograder does: grade /autograder/submission, write
    /autograder/results/results.json."""
    submission = tmp_path / "autograder" / "submission"
    submission.mkdir(parents=True)
    (submission / "history-response.json").write_bytes(response_bytes("ann", RIGHT))
    results = tmp_path / "autograder" / "results" / "results.json"
    args = [
        "grade",
        str(submission),
        "-k",
        str(key),
        "-o",
        str(tmp_path / "work"),
        "-j",
        "1",
        "--no-stats",
        "--results-json",
        str(results),
    ]
    assert cli(args) == 0
    data = json.loads(results.read_text())
    assert data["score"] == 7 and len(data["tests"]) == 7
    assert not (tmp_path / "work" / "rivers" / "stats.csv").exists()

    (submission / "history-response.json").write_text("not json")
    assert cli(args) == 0
    data = json.loads(results.read_text())
    assert data["score"] == 0 and data["tests"] == []
    assert "history-response.json: not JSON" in data["output"]


def test_a_question_never_checked_counts_its_final_answer_as_its_first(tmp_path, key):
    subs = tmp_path / "subs"
    subs.mkdir()
    # "longest" checked twice, first wrong; every other question never checked
    (subs / "ann.json").write_bytes(
        response_bytes("ann", RIGHT, checks={"longest": 2}, first={"longest": 1})
    )
    (row,) = rows(run(key, [subs], tmp_path / "out", basis="first") / "rivers" / "grades.csv")
    assert (row["longest"], row["total"], row["status"]) == ("0", "6", "graded")


def test_an_assessed_page_sends_orderings_and_matchings_as_it_listed_them(tmp_path, key):
    """The page lists items alphabetically: Aswan, Cairo, Khartoum; Atlantic, Mediterranean."""
    from quizbook import parse_quiz

    quiz = parse_quiz(key.read_text())
    north, pairs = quiz.question("north"), quiz.question("pairs")
    assert north.listed() == [1, 2, 0] and pairs.listed() == [1, 0]
    listed = {**RIGHT, "north": [2, 0, 1], "pairs": [1, 0]}  # Khartoum, Aswan, Cairo; Med, Atl
    data = response("ann", listed, checks={})
    data["order"] = "listed"
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "ann.json").write_text(json.dumps(data))
    (row,) = rows(run(key, [subs], tmp_path / "out") / "rivers" / "grades.csv")
    assert (row["north"], row["pairs"], row["total"]) == ("1", "1", "7")
