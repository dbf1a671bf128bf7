"""Canvas QTI 1.2 (Classic Quizzes): one zip per key, imported with Settings > Import
Course Content > QTI .zip file.

The zip holds what text2qti (a producer whose zips Canvas accepts) writes, in its
layout: `imsmanifest.xml`, and a folder named after the assessment with the assessment
(`<id>.xml`) and its `assessment_meta.xml`. Each item names its Canvas question type in
its metadata (`multiple_choice_question`, `multiple_answers_question`,
`true_false_question`, `numerical_question`, `short_answer_question`,
`matching_question`) with its points, and carries per-answer and general feedback
(`itemfeedback`). Identifiers come from the quiz and question ids; the manifest holds no
date and the zip's entries carry a fixed time, so the same key gives the same bytes.

Classic Quizzes has no ordering question: such questions are noted and left out.
"""

from __future__ import annotations

import io
import zipfile

from ..markdown import render, render_inline
from ..model import Matching, MultipleChoice, Numeric, ShortText, SingleChoice, TrueFalse
from ..plaintext import inline_text
from ..wording import say
from .common import Key, Notes, has_formatting, plain_number, writer_for
from .settings import note_loose_text, note_settings, note_unit
from .xmltext import element, serialise

NAME = "Canvas QTI"
SUFFIX = ".zip"
QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def mattext(html: str, texttype: str = "text/html"):
    return element("material", {}, element("mattext", {"texttype": texttype}, text=html))


def field(label: str, entry: str):
    return element(
        "qtimetadatafield",
        {},
        element("fieldlabel", text=label),
        element("fieldentry", text=entry),
    )


def choice_list(ident: str, cardinality: str, choices: list[tuple[str, str]]):
    """A `response_lid` offering (answer id, HTML) choices."""
    labels = [element("response_label", {"ident": cid}, mattext(html)) for cid, html in choices]
    return element(
        "response_lid",
        {"ident": ident, "rcardinality": cardinality},
        element("render_choice", {}, *labels),
    )


def typed_field(fibtype: str | None = None):
    attrs = {"fibtype": fibtype} if fibtype else {}
    label_attrs = {"ident": "answer1"} if fibtype else {"ident": "answer1", "rshuffle": "No"}
    return element(
        "response_str",
        {"ident": "response1", "rcardinality": "Single"},
        element("render_fib", attrs, element("response_label", label_attrs)),
    )


def condition(*tests, score: str | None = None, feedback: str | None = None, go_on=False):
    """A `respcondition`: if the tests hold, set the score and/or show a feedback."""
    parts = [element("conditionvar", {}, *tests)]
    if score is not None:
        parts.append(element("setvar", {"action": "Set", "varname": "SCORE"}, text=score))
    if feedback is not None:
        parts.append(
            element("displayfeedback", {"feedbacktype": "Response", "linkrefid": feedback})
        )
    return element("respcondition", {"continue": "Yes" if go_on else "No"}, *parts)


def equals(value: str, respident: str = "response1"):
    return element("varequal", {"respident": respident}, text=value)


def itemfeedback(ident: str, markdown: str):
    return element(
        "itemfeedback", {"ident": ident}, element("flow_mat", {}, mattext(render(markdown)))
    )


class Item:
    """What a writer gives back for one question: its Canvas type, answer ids, the
    presentation after the prompt, the conditions, and feedback by id."""

    def __init__(self, kind, answer_ids, presentation, conditions, feedback=None):
        self.kind = kind
        self.answer_ids = answer_ids
        self.presentation = presentation
        self.conditions = conditions
        self.feedback = feedback or {}


def _choices_item(kind, cardinality, ident, texts, feedback, scoring):
    ids = [f"{ident}-c{i}" for i in range(len(texts))]
    said = {f"{cid}_fb": fb for cid, fb in zip(ids, feedback, strict=True) if fb}
    shown = [
        condition(equals(cid), feedback=f"{cid}_fb", go_on=True)
        for cid, fb in zip(ids, feedback, strict=True)
        if fb
    ]
    lid = choice_list("response1", cardinality, list(zip(ids, texts, strict=True)))
    return Item(kind, ids, [lid], [*shown, scoring(ids)], said)


def _single(q: SingleChoice, ident: str, notes: Notes) -> Item:
    return _choices_item(
        "multiple_choice_question",
        "Single",
        ident,
        [render_inline(c.text) for c in q.choices],
        [c.feedback for c in q.choices],
        lambda ids: condition(equals(ids[q.correct_index]), score="100"),
    )


def _multiple(q: MultipleChoice, ident: str, notes: Notes) -> Item:
    def all_right(ids):
        tests = [
            equals(cid) if c.correct else element("not", {}, equals(cid))
            for cid, c in zip(ids, q.choices, strict=True)
        ]
        return condition(element("and", {}, *tests), score="100")

    return _choices_item(
        "multiple_answers_question",
        "Multiple",
        ident,
        [render_inline(c.text) for c in q.choices],
        [c.feedback for c in q.choices],
        all_right,
    )


def _true_false(q: TrueFalse, ident: str, notes: Notes) -> Item:
    return _choices_item(
        "true_false_question",
        "Single",
        ident,
        [say("true"), say("false")],
        [q.feedback_true, q.feedback_false],
        lambda ids: condition(equals(ids[0 if q.answer else 1]), score="100"),
    )


def _numeric(q: Numeric, ident: str, notes: Notes) -> Item:
    note_unit(q, notes)
    low, high = (plain_number(b) for b in q.bounds())
    within = [
        element("vargte", {"respident": "response1"}, text=low),
        element("varlte", {"respident": "response1"}, text=high),
    ]
    if q.range is None:
        exact = equals(plain_number(q.answer))
        tests = [element("or", {}, exact, element("and", {}, *within))]
    else:
        tests = within
    return Item(
        "numerical_question",
        [f"{ident}-n"],
        [typed_field("Decimal")],
        [condition(*tests, score="100")],
    )


def _text(q: ShortText, ident: str, notes: Notes) -> Item:
    note_loose_text(q, notes, "ignoring case only")
    ids = [f"{ident}-c{i}" for i in range(len(q.accepted))]
    return Item(
        "short_answer_question",
        ids,
        [typed_field()],
        [condition(*[equals(a) for a in q.accepted], score="100")],
    )


def _matching(q: Matching, ident: str, notes: Notes) -> Item:
    """Canvas's own layout: one `response_lid` per left item, offering every right item."""
    rights = [(f"{ident}-r{i}", inline_text(p.right)) for i, p in enumerate(q.pairs)]
    lefts = [f"{ident}-l{i}" for i in range(len(q.pairs))]
    for pair in q.pairs:
        for side in (pair.left, pair.right):
            if has_formatting(side):
                notes.question(q, f"matching items are plain text: '{inline_text(side)}'"
                               " loses its formatting")  # fmt: skip
    lids = [
        element(
            "response_lid",
            {"ident": f"response_{lid}"},
            mattext(inline_text(pair.left), "text/plain"),
            element(
                "render_choice",
                {},
                *[
                    element("response_label", {"ident": rid}, mattext(text, "text/plain"))
                    for rid, text in rights
                ],
            ),
        )
        for lid, pair in zip(lefts, q.pairs, strict=True)
    ]
    share = plain_number(round(100 / len(q.pairs), 2))
    conditions = [
        element(
            "respcondition",
            {},
            element("conditionvar", {}, equals(rid, f"response_{lid}")),
            element("setvar", {"varname": "SCORE", "action": "Add"}, text=share),
        )
        for lid, (rid, _) in zip(lefts, rights, strict=True)
    ]
    return Item("matching_question", lefts, lids, conditions)


WRITERS = {
    SingleChoice: _single,
    MultipleChoice: _multiple,
    TrueFalse: _true_false,
    Numeric: _numeric,
    ShortText: _text,
    Matching: _matching,
}


def item_element(q, ident: str, item: Item):
    metadata = element(
        "itemmetadata",
        {},
        element(
            "qtimetadata",
            {},
            field("question_type", item.kind),
            field("points_possible", plain_number(q.points)),
            field("original_answer_ids", ",".join(item.answer_ids)),
            field("assessment_question_identifierref", f"{ident}-ref"),
        ),
    )
    presentation = element("presentation", {}, mattext(render(q.prompt)), *item.presentation)
    general = []
    if q.explanation:
        general = [condition(element("other"), feedback="general_fb", go_on=True)]
    processing = element(
        "resprocessing",
        {},
        element(
            "outcomes",
            {},
            element(
                "decvar",
                {"maxvalue": "100", "minvalue": "0", "varname": "SCORE", "vartype": "Decimal"},
            ),
        ),
        *general,
        *item.conditions,
    )
    feedback = [itemfeedback("general_fb", q.explanation)] if q.explanation else []
    feedback += [itemfeedback(fid, text) for fid, text in item.feedback.items()]
    return element(
        "item", {"ident": ident, "title": q.id}, metadata, presentation, processing, *feedback
    )


def assessment(key: Key, notes: Notes, ident: str) -> bytes:
    quiz = key.quiz
    section = element("section", {"ident": "root_section"})
    for q in quiz.questions:
        writer = writer_for(WRITERS, q, notes)
        if writer:
            qident = f"{ident}-{q.id}"
            section.append(item_element(q, qident, writer(q, qident, notes)))
    root = element(
        "questestinterop",
        {
            "xmlns": QTI_NS,
            "xmlns:xsi": XSI,
            "xsi:schemaLocation": f"{QTI_NS} http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd",
        },
        element(
            "assessment",
            {"ident": ident, "title": inline_text(quiz.title)},
            element(
                "qtimetadata", {}, field("cc_maxattempts", "1" if quiz.mode == "assessed" else "-1")
            ),
            section,
        ),
    )
    return serialise(root)


def assessment_meta(key: Key, ident: str) -> bytes:
    """Canvas's settings for the quiz: title, shuffling, points, and practice or graded."""
    quiz = key.quiz
    practice = quiz.mode == "practice"
    settings = {
        "title": inline_text(quiz.title),
        "description": "",
        "shuffle_answers": "true" if quiz.shuffle else "false",
        "scoring_policy": "keep_highest",
        "hide_results": "" if practice else "always",
        "quiz_type": "practice_quiz" if practice else "assignment",
        "points_possible": plain_number(quiz.total_points),
        "show_correct_answers": "true" if practice else "false",
        "allowed_attempts": "-1" if practice else "1",
        "one_question_at_a_time": "false",
        "cant_go_back": "false",
        "available": "false",
    }
    root = element(
        "quiz",
        {"identifier": ident, "xmlns": "http://canvas.instructure.com/xsd/cccv1p0"},
        *[element(name, text=value) for name, value in settings.items()],
    )
    return serialise(root)


def manifest(ident: str) -> bytes:
    cp = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
    root = element(
        "manifest",
        {"identifier": f"{ident}-manifest", "xmlns": cp},
        element(
            "metadata",
            {},
            element("schema", text="IMS Content"),
            element("schemaversion", text="1.1.3"),
        ),
        element("organizations"),
        element(
            "resources",
            {},
            element(
                "resource",
                {"identifier": ident, "type": "imsqti_xmlv1p2"},
                element("file", {"href": f"{ident}/{ident}.xml"}),
                element("dependency", {"identifierref": f"{ident}-meta"}),
            ),
            element(
                "resource",
                {
                    "identifier": f"{ident}-meta",
                    "type": "associatedcontent/imscc_xmlv1p1/learning-application-resource",
                    "href": f"{ident}/assessment_meta.xml",
                },
                element("file", {"href": f"{ident}/assessment_meta.xml"}),
            ),
        ),
    )
    return serialise(root)


def render_key(key: Key, notes: Notes) -> bytes:
    note_settings(notes, carried=frozenset({"title", "shuffle", "mode"}))
    ident = f"quizbook-{key.quiz.id}"
    entries = [
        ("imsmanifest.xml", manifest(ident)),
        ("non_cc_assessments/", b""),
        (f"{ident}/assessment_meta.xml", assessment_meta(key, ident)),
        (f"{ident}/{ident}.xml", assessment(key, notes, ident)),
    ]
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as zf:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (0o755 if name.endswith("/") else 0o644) << 16
            zf.writestr(info, data)
    return stream.getvalue()
