"""The Canvas QTI export against text2qti, a producer whose zips Canvas accepts: for the same
questions, written in text2qti's own text format, each item must have the same element
structure (tags, the attributes Canvas reads, their order), the zip the same layout, and
the manifest and the quiz settings the same shape. Text, ids and numbers may differ."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile

import pytest

from quizbook.export import export_keys

from . import export_readers as readers
from .support import write_key

pytest.importorskip("text2qti")

KEY = """\
id: canvas
title: Canvas demo
shuffle: true
questions:
  - id: crossing
    type: single
    points: 2
    prompt: In which year did Caesar cross the Rubicon?
    choices:
      - {text: 49 BC, correct: true, feedback: Yes.}
      - {text: 44 BC, feedback: That is when he was killed.}
      - {text: 31 BC}
    explanation: Roman sources date it to January 49 BC.
  - id: gases
    type: multiple
    prompt: Which are noble gases?
    choices:
      - {text: Helium, correct: true}
      - {text: Nitrogen, feedback: Not a noble gas.}
      - {text: Argon, correct: true}
    explanation: Helium, neon, argon, krypton, xenon and radon.
  - id: boils
    type: truefalse
    prompt: Water boils at 50 °C at sea level.
    answer: false
    feedback_true: It boils at 100 °C.
    feedback_false: Right.
  - id: year
    type: numeric
    prompt: When did Mendeleev publish his table?
    answer: 1869
  - id: river
    type: numeric
    prompt: How long is the Rhine, in km?
    answer: 1230
    tolerance: 50
  - id: war
    type: numeric
    prompt: Name a year of the Second World War.
    range: [1939, 1945]
  - id: city
    type: text
    prompt: Which Swiss city is the largest?
    accepted: [Zurich, Zuerich]
    explanation: Zurich, on its lake.
"""

TEXT2QTI = """\
Quiz title: Canvas demo
Quiz description: Canvas demo
Shuffle answers: true

Title: crossing
Points: 2
1.  In which year did Caesar cross the Rubicon?
... Roman sources date it to January 49 BC.
*a) 49 BC
... Yes.
b)  44 BC
... That is when he was killed.
c)  31 BC

Title: gases
2.  Which are noble gases?
... Helium, neon, argon, krypton, xenon and radon.
[*] Helium
[ ] Nitrogen
... Not a noble gas.
[*] Argon

Title: boils
3.  Water boils at 50 °C at sea level.
a)  True
... It boils at 100 °C.
*b) False
... Right.

Title: year
4.  When did Mendeleev publish his table?
=   1869

Title: river
5.  How long is the Rhine, in km?
=   1230 +- 50

Title: war
6.  Name a year of the Second World War.
=   [1939, 1945]

Title: city
7.  Which Swiss city is the largest?
... Zurich, on its lake.
*   Zurich
*   Zuerich
"""

# Attributes whose values Canvas reads; any other attribute is compared by name only.
VALUES = {"texttype", "rcardinality", "fibtype", "action", "varname", "vartype", "feedbacktype",
          "continue", "type", "maxvalue", "minvalue", "rshuffle"}  # fmt: skip


def shape(node: ET.Element) -> tuple:
    """An element's structure: tag, attributes (values where Canvas reads them), children."""
    attrs = tuple(sorted((k, v if k in VALUES else "") for k, v in node.attrib.items()))
    return (node.tag.split("}")[-1], attrs, tuple(shape(child) for child in node))


def text2qti_zip() -> bytes:
    from text2qti.config import Config
    from text2qti.qti import QTI
    from text2qti.quiz import Quiz

    return QTI(Quiz(TEXT2QTI, config=Config(), source_name="canvas.txt")).zip_bytes()


def ours(tmp_path) -> bytes:
    (path,) = export_keys([write_key(tmp_path, KEY)], "qti", tmp_path).files
    return path.read_bytes()


def items(zip_bytes: bytes) -> list[ET.Element]:
    return list(readers.qti_assessment(zip_bytes).iter(f"{readers.QTI}item"))


def fields(item: ET.Element) -> dict[str, str]:
    return readers._meta(item)


def test_each_item_has_text2qti_s_structure(tmp_path):
    theirs, mine = items(text2qti_zip()), items(ours(tmp_path))
    assert [fields(i)["question_type"] for i in mine] == [
        fields(i)["question_type"] for i in theirs
    ]
    for a, b in zip(mine, theirs, strict=True):
        assert shape(a) == shape(b), fields(a)["question_type"]
        assert float(fields(a)["points_possible"]) == float(fields(b)["points_possible"])


def test_both_read_back_to_the_same_questions(tmp_path):
    mine, theirs = readers.read_qti(ours(tmp_path)), readers.read_qti(text2qti_zip())
    for m, t in zip(mine, theirs, strict=True):
        for q in (m, t):  # texts differ in markup (text2qti wraps choices in <p>)
            q["prompt"] = q["explanation"] = None
            if "choices" in q:
                q["choices"] = [
                    (readers.norm(_text(c)), mark, bool(fb)) for c, mark, fb in q["choices"]
                ]
            for name in ("feedback_true", "feedback_false"):
                if name in q:
                    q[name] = bool(q[name])
    assert mine == theirs


def _text(html: str) -> str:
    from quizbook.plaintext import html_to_text

    return html_to_text(html)


def test_the_zip_has_text2qti_s_layout_and_manifest(tmp_path):
    def layout(data: bytes) -> list[str]:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = zf.namelist()
        folder = names[-1].split("/")[0]
        return [n.replace(folder, "ASSESSMENT") for n in names]

    assert layout(ours(tmp_path)) == layout(text2qti_zip())
    mine, theirs = readers.qti_files(ours(tmp_path)), readers.qti_files(text2qti_zip())

    def resources(data: bytes):
        root = ET.fromstring(data)
        return [shape(r) for r in root.iter() if r.tag.endswith("}resources")]

    assert resources(mine["imsmanifest.xml"]) == resources(theirs["imsmanifest.xml"])


def test_the_quiz_settings_are_a_subset_of_text2qti_s(tmp_path):
    def settings(files: dict[str, bytes]) -> dict[str, str]:
        (meta,) = [v for k, v in files.items() if k.endswith("assessment_meta.xml")]
        return {c.tag.split("}")[-1]: (c.text or "") for c in ET.fromstring(meta)}

    mine = settings(readers.qti_files(ours(tmp_path)))
    theirs = settings(readers.qti_files(text2qti_zip()))
    assert set(mine) <= set(theirs)
    for name in ("title", "shuffle_answers", "points_possible", "scoring_policy"):
        assert mine[name].rstrip("0").rstrip(".") == theirs[name].rstrip("0").rstrip("."), name


def test_matching_follows_canvas_s_own_layout(tmp_path):
    """text2qti writes no matching question: this is the layout Canvas exports, one
    response per left item offering every right item, each right pick adding its share."""
    key = write_key(tmp_path, "id: m\ntitle: M\nquestions:\n  - id: caps\n    type: matching\n"
                    "    prompt: Match.\n    pairs:\n      - {left: France, right: Paris}\n"
                    "      - {left: Italy, right: Rome}\n      - {left: Spain, right: Madrid}\n")  # fmt: skip
    (path,) = export_keys([key], "qti", tmp_path).files
    (item,) = items(path.read_bytes())
    lids = item.findall(f"{readers.QTI}presentation/{readers.QTI}response_lid")
    assert len(lids) == 3
    assert all(len(list(lid.iter(f"{readers.QTI}response_label"))) == 3 for lid in lids)
    adds = [float(s.text) for s in item.iter(f"{readers.QTI}setvar") if s.get("action") == "Add"]
    assert adds == [33.33] * 3
    assert fields(item)["question_type"] == "matching_question"
