"""Read exported files back with the formats' own parsers, and say what each should hold.

Every reader returns the questions a file holds in one plain shape, and `expected` gives
that shape from a key for a format; tests compare the two. GIFT is read by gift-pegjs
(node), Moodle XML and QTI by an XML parser, jupyterquiz by quizbook's own import (whose
output the loader validates).

The shape, one dict per question: id, kind, prompt (HTML), explanation (HTML or None),
points (None where the format has none), and by kind: choices [(HTML, mark, feedback)],
where mark is True/False or a grade in percent; answer, feedback_true, feedback_false;
bounds (low, high); accepted [text]; pairs [(left, right)]; items [HTML].
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from quizbook.markdown import render, render_inline
from quizbook.model import (
    Matching,
    MultipleChoice,
    Numeric,
    Ordering,
    ShortText,
    SingleChoice,
    TrueFalse,
)
from quizbook.plaintext import html_to_text, inline_text

ROOT = Path(__file__).resolve().parents[2]
PARSE_GIFT = Path(__file__).with_name("parse_gift.mjs")
QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"


def norm(html: str | None) -> str | None:
    """HTML with runs of white space as one space: how a browser reads it."""
    if html is None or not html.strip():
        return None
    return re.sub(r"\s+", " ", html).strip()


# -- what each format should hold -------------------------------------------------------------

# The question classes each format holds (the others are left out and noted).
HOLDS = {
    "gift": {SingleChoice, MultipleChoice, TrueFalse, Numeric, ShortText, Matching},
    "moodle-xml": {SingleChoice, MultipleChoice, TrueFalse, Numeric, ShortText, Matching, Ordering},
    "qti": {SingleChoice, MultipleChoice, TrueFalse, Numeric, ShortText, Matching},
    "jupyterquiz": {SingleChoice, MultipleChoice, TrueFalse, Numeric, ShortText},
}
HAS_POINTS = {"gift": False, "moodle-xml": True, "qti": True, "jupyterquiz": True}
WEIGHTED = {"gift", "moodle-xml"}  # several right choices as grades in percent


def _weights(q: MultipleChoice) -> list[float]:
    k = len(q.correct_indices)
    return [round((100 if c.correct else -100) / k, 5) for c in q.choices]


def _choices(q, fmt: str) -> list:
    marks = _weights(q) if isinstance(q, MultipleChoice) and fmt in WEIGHTED else None
    return [
        (norm(render_inline(c.text)), marks[i] if marks else c.correct, norm(_html(c.feedback)))
        for i, c in enumerate(q.choices)
    ]


def _html(markdown: str | None) -> str | None:
    return render(markdown) if markdown else None


def _pairs(q: Matching, fmt: str) -> list:
    left = (lambda p: inline_text(p.left)) if fmt == "qti" else (lambda p: render_inline(p.left))
    return [(norm(left(p)), inline_text(p.right)) for p in q.pairs]


EXPECT = {
    SingleChoice: lambda q, fmt: {"choices": _choices(q, fmt)},
    MultipleChoice: lambda q, fmt: {"choices": _choices(q, fmt)},
    TrueFalse: lambda q, fmt: {
        "answer": q.answer,
        "feedback_true": norm(_html(q.feedback_true)),
        "feedback_false": norm(_html(q.feedback_false)),
    },
    Numeric: lambda q, fmt: {"bounds": tuple(float(b) for b in q.bounds())},
    ShortText: lambda q, fmt: {"accepted": list(q.accepted)},
    Matching: lambda q, fmt: {"pairs": _pairs(q, fmt)},
    Ordering: lambda q, fmt: {"items": [norm(render_inline(i)) for i in q.items]},
}


def expected(quiz, fmt: str) -> list[dict]:
    """The questions of a key that a format holds, in the readers' shape."""
    return [
        {
            "id": q.id,
            "kind": q.type,
            "prompt": norm(render(q.prompt)),
            "explanation": norm(_html(q.explanation)),
            "points": float(q.points) if HAS_POINTS[fmt] else None,
            **EXPECT[type(q)](q, fmt),
        }
        for q in quiz.questions
        if type(q) in HOLDS[fmt]
    ]


def left_out(quiz, fmt: str) -> list[str]:
    return [q.id for q in quiz.questions if type(q) not in HOLDS[fmt]]


# -- GIFT, read by gift-pegjs -----------------------------------------------------------------


def parse_gift(paths: list[Path]) -> dict[str, object]:
    """gift-pegjs's reading of each file, by path."""
    done = subprocess.run(
        ["node", str(PARSE_GIFT), *map(str, paths)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        timeout=120,
    )
    return json.loads(done.stdout)


# gift-pegjs 1.0.2 leaves the right side of a pair with its own placeholders for escaped
# characters (its PlainText rule skips the decoding its other texts get); Moodle decodes.
_PEGJS_PLACEHOLDERS = {"&&058;": ":", "&&035;": "#", "&&061;": "=", "&&123;": "{",
                       "&&125;": "}", "&&126;": "~", "&&010": "\n", "&&092;": "\\"}  # fmt: skip


def _pegjs_plain(text: str) -> str:
    for placeholder, char in _PEGJS_PLACEHOLDERS.items():
        text = text.replace(placeholder, char)
    return text


def _gift_html(text: str | None) -> str | None:
    """GIFT's HTML as a browser reads it: the export writes a backslash as `&#92;`."""
    return None if text is None else norm(text.replace("&#92;", "\\"))


def _text(part) -> str | None:
    return None if part is None else part["text"]


def _gift_choices(q: dict) -> tuple[str, list]:
    weighted = any(c["weight"] is not None for c in q["choices"])
    choices = [
        (
            _gift_html(c["text"]["text"]),
            c["weight"] if weighted else c["isCorrect"],
            _gift_html(_text(c["feedback"])),
        )
        for c in q["choices"]
    ]
    return ("multiple" if weighted else "single"), choices


def _gift_numeric(choices: dict) -> tuple[float, float]:
    if choices["type"] == "high-low":
        return (choices["numberLow"], choices["numberHigh"])
    if choices["type"] == "range":
        return (choices["number"] - choices["range"], choices["number"] + choices["range"])
    return (choices["number"], choices["number"])


def read_gift(parsed: list[dict]) -> list[dict]:
    out = []
    for q in parsed:
        if q["type"] == "Category":
            continue
        shape = {
            "id": q["id"],
            "prompt": _gift_html(q["stem"]["text"]),
            "explanation": _gift_html(_text(q["globalFeedback"])),
            "points": None,
        }
        assert q["title"] == q["id"]
        if q["type"] == "MC":
            shape["kind"], shape["choices"] = _gift_choices(q)
        elif q["type"] == "TF":
            # GIFT's two feedbacks are: shown if wrong, shown if right
            wrong = _gift_html(_text(q["trueFeedback"]))
            right = _gift_html(_text(q["falseFeedback"]))
            shape.update(
                kind="truefalse",
                answer=q["isTrue"],
                feedback_true=right if q["isTrue"] else wrong,
                feedback_false=wrong if q["isTrue"] else right,
            )
        elif q["type"] == "Numerical":
            shape.update(kind="numeric", bounds=_gift_numeric(q["choices"]))
        elif q["type"] == "Short":
            accepted = [c["text"]["text"].replace("\\*", "*") for c in q["choices"]]
            assert all(c["isCorrect"] and c["feedback"] is None for c in q["choices"])
            shape.update(kind="text", accepted=accepted)
        elif q["type"] == "Matching":
            pairs = [
                (_gift_html(p["subquestion"]["text"]), _pegjs_plain(p["subanswer"]))
                for p in q["matchPairs"]
            ]
            shape.update(kind="matching", pairs=pairs)
        else:
            raise AssertionError(f"unexpected GIFT question type {q['type']}")
        out.append(shape)
    return out


# -- Moodle XML -------------------------------------------------------------------------------


def _mtext(node, tag: str) -> str | None:
    found = node.find(f"{tag}/text")
    return None if found is None else found.text


def _fraction(answer) -> float:
    return float(answer.get("fraction"))


def read_moodle_xml(data: bytes) -> list[dict]:
    root = ET.fromstring(data)
    assert root.tag == "quiz"
    out = []
    for q in root.findall("question"):
        kind = q.get("type")
        if kind == "category":
            continue
        shape = {
            "id": q.findtext("idnumber"),
            "prompt": norm(_mtext(q, "questiontext")),
            "explanation": norm(_mtext(q, "generalfeedback")),
            "points": float(q.findtext("defaultgrade")),
        }
        assert _mtext(q, "name") == shape["id"] and q.findtext("penalty") == "0"
        answers = q.findall("answer")
        if kind == "multichoice":
            single = q.findtext("single") == "true"
            choices = [
                (
                    norm(a.findtext("text")),
                    _fraction(a) == 100 if single else _fraction(a),
                    norm(_mtext(a, "feedback")),
                )
                for a in answers
            ]
            shape.update(kind="single" if single else "multiple", choices=choices)
        elif kind == "truefalse":
            by_text = {a.findtext("text"): a for a in answers}
            shape.update(
                kind="truefalse",
                answer=_fraction(by_text["true"]) == 100,
                feedback_true=norm(_mtext(by_text["true"], "feedback")),
                feedback_false=norm(_mtext(by_text["false"], "feedback")),
            )
            assert _fraction(by_text["true"]) + _fraction(by_text["false"]) == 100
        elif kind == "numerical":
            (a,) = answers
            value, tolerance = float(a.findtext("text")), float(a.findtext("tolerance"))
            assert _fraction(a) == 100
            shape.update(kind="numeric", bounds=(value - tolerance, value + tolerance))
        elif kind == "shortanswer":
            assert q.findtext("usecase") == "0" and all(_fraction(a) == 100 for a in answers)
            accepted = [a.findtext("text").replace("\\*", "*") for a in answers]
            shape.update(kind="text", accepted=accepted)
        elif kind == "matching":
            pairs = [
                (norm(s.findtext("text")), s.findtext("answer/text"))
                for s in q.findall("subquestion")
            ]
            shape.update(kind="matching", pairs=pairs)
        elif kind == "ordering":
            assert q.findtext("gradingtype") == "LONGEST_ORDERED_SUBSET"
            assert q.findtext("selecttype") == "ALL"
            ordered = sorted(answers, key=_fraction)
            shape.update(kind="ordering", items=[norm(a.findtext("text")) for a in ordered])
        else:
            raise AssertionError(f"unexpected Moodle question type {kind}")
        out.append(shape)
    return out


# -- Canvas QTI 1.2 ---------------------------------------------------------------------------


def qti_files(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def qti_assessment(data: bytes) -> ET.Element:
    """The assessment the manifest names, after checking the zip holds what it lists."""
    files = qti_files(data)
    manifest = ET.fromstring(files["imsmanifest.xml"])
    ns = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"
    hrefs = [f.get("href") for f in manifest.iter(f"{ns}file")]
    assert all(h in files for h in hrefs), (hrefs, list(files))
    (qti,) = [
        r.find(f"{ns}file").get("href")
        for r in manifest.iter(f"{ns}resource")
        if r.get("type") == "imsqti_xmlv1p2"
    ]
    assert any(h.endswith("/assessment_meta.xml") for h in hrefs)
    return ET.fromstring(files[qti])


def _mattext(node) -> str | None:
    found = node.find(f"{QTI}material/{QTI}mattext")
    return None if found is None else found.text


def _meta(item) -> dict[str, str]:
    return {
        f.findtext(f"{QTI}fieldlabel"): f.findtext(f"{QTI}fieldentry") or ""
        for f in item.iter(f"{QTI}qtimetadatafield")
    }


def _feedback(item) -> dict[str, str]:
    return {
        fb.get("ident"): fb.find(f"{QTI}flow_mat/{QTI}material/{QTI}mattext").text
        for fb in item.findall(f"{QTI}itemfeedback")
    }


def _conditions(item):
    return item.findall(f"{QTI}resprocessing/{QTI}respcondition")


def _scoring(item):
    """The condition that sets the score to 100."""
    (cond,) = [c for c in _conditions(item) if c.findtext(f"{QTI}setvar") == "100"]
    return cond.find(f"{QTI}conditionvar")


def _choice_feedback(item) -> dict[str, str]:
    """Feedback shown for each answer id."""
    said = _feedback(item)
    out = {}
    for cond in _conditions(item):
        shown = cond.find(f"{QTI}displayfeedback")
        test = cond.find(f"{QTI}conditionvar/{QTI}varequal")
        if shown is not None and test is not None:
            out[test.text] = said[shown.get("linkrefid")]
    return out


def _qti_choices(item, presentation) -> tuple[list, dict]:
    labels = presentation.findall(f"{QTI}response_lid/{QTI}render_choice/{QTI}response_label")
    scoring = _scoring(item)
    right = {v.text for v in scoring.iter(f"{QTI}varequal")}
    wrong = {v.text for n in scoring.iter(f"{QTI}not") for v in n.iter(f"{QTI}varequal")}
    fb = _choice_feedback(item)
    ids = [label.get("ident") for label in labels]
    choices = [
        (norm(_mattext(label)), cid in right - wrong, norm(fb.get(cid)))
        for cid, label in zip(ids, labels, strict=True)
    ]
    return choices, fb


def read_qti(data: bytes) -> list[dict]:
    assessment = qti_assessment(data)
    out = []
    for item in assessment.iter(f"{QTI}item"):
        meta = _meta(item)
        presentation = item.find(f"{QTI}presentation")
        general = _feedback(item).get("general_fb")
        shape = {
            "id": item.get("title"),
            "prompt": norm(_mattext(presentation)),
            "explanation": norm(general),
            "points": float(meta["points_possible"]),
        }
        kind = meta["question_type"]
        if kind in ("multiple_choice_question", "multiple_answers_question"):
            choices, _ = _qti_choices(item, presentation)
            single = kind == "multiple_choice_question"
            shape.update(kind="single" if single else "multiple", choices=choices)
        elif kind == "true_false_question":
            choices, _ = _qti_choices(item, presentation)
            by_text = {html_to_text(text): (mark, fb) for text, mark, fb in choices}
            assert set(by_text) == {"True", "False"}
            shape.update(
                kind="truefalse",
                answer=by_text["True"][0],
                feedback_true=by_text["True"][1],
                feedback_false=by_text["False"][1],
            )
        elif kind == "numerical_question":
            scoring = _scoring(item)
            low = float(next(scoring.iter(f"{QTI}vargte")).text)
            high = float(next(scoring.iter(f"{QTI}varlte")).text)
            shape.update(kind="numeric", bounds=(low, high))
        elif kind == "short_answer_question":
            accepted = [v.text for v in _scoring(item).iter(f"{QTI}varequal")]
            shape.update(kind="text", accepted=accepted)
        elif kind == "matching_question":
            shape.update(kind="matching", pairs=_qti_pairs(item, presentation))
        else:
            raise AssertionError(f"unexpected Canvas question type {kind}")
        out.append(shape)
    return out


def _qti_pairs(item, presentation) -> list:
    picks = {}
    for cond in _conditions(item):
        test = cond.find(f"{QTI}conditionvar/{QTI}varequal")
        if test is not None:
            picks[test.get("respident")] = test.text
    pairs = []
    for lid in presentation.findall(f"{QTI}response_lid"):
        options = {
            label.get("ident"): _mattext(label) for label in lid.iter(f"{QTI}response_label")
        }
        pairs.append((norm(_mattext(lid)), options[picks[lid.get("ident")]]))
    return pairs


# -- jupyterquiz, read by quizbook's import ---------------------------------------------------


def read_jupyterquiz(path: Path) -> list[dict]:
    """The file imported back to a key (validated by the loader), in the readers' shape."""
    from quizbook.export.jupyterquiz import import_file
    from quizbook.load import parse_quiz

    text, _ = import_file(path, "imported", "Imported")
    return expected(parse_quiz(text), "jupyterquiz")
