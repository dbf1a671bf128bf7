"""Load an answer key from YAML, or explain exactly where it is wrong.

Every problem becomes one line, `file:line: question-id: what is wrong`. A key with any
problem raises `KeyProblems` and yields no quiz at all: never a half-loaded one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import TypeAdapter, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from .model import QUESTION_TYPES, Question, Quiz

QUESTION = TypeAdapter(Question)


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    where: str  # a question id, or "quiz" for the key as a whole
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.where}: {self.message}"


class KeyProblems(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))


class KeyLines:
    """Where the parts of a loaded key stand in its file, for messages about them."""

    def __init__(self, raw):
        self._raw = raw
        self._questions = {
            q.get("id"): q for q in raw.get("questions") or [] if isinstance(q, dict)
        }

    def quiz(self, field: str | None = None) -> int:
        return _key_line(self._raw, field) if field else 1

    def question(self, qid: str, field: str | None = None) -> int:
        q = self._questions.get(qid)
        if q is None:
            return 1
        if field and field in q:
            return _key_line(q, field)
        return _key_line(q, "id")

    def choice(self, qid: str, index: int) -> int:
        choices = (self._questions.get(qid) or {}).get("choices")
        if isinstance(choices, list) and 0 <= index < len(choices):
            return _item_line(choices, index)
        return self.question(qid, "choices")


def load_quiz(path: str | Path, labels: set[str] | None = None) -> Quiz:
    """Read and validate one key. `labels`, if given, are the book's section labels that
    every question's `section` must name."""
    return load_key(path, labels)[0]


def load_key(path: str | Path, labels: set[str] | None = None) -> tuple[Quiz, KeyLines]:
    """`load_quiz`, and where each part of the key stands in the file."""
    path = Path(path)
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise KeyProblems([Problem(name, 1, "quiz", f"cannot read the file: {err}")]) from None
    return _parse(text, name, labels)


def parse_quiz(text: str, name: str = "<key>", labels: set[str] | None = None) -> Quiz:
    return _parse(text, name, labels)[0]


def _parse(text: str, name: str, labels: set[str] | None) -> tuple[Quiz, KeyLines]:
    raw = _parse_yaml(text, name)
    problems = _structure_problems(raw, name)
    try:
        quiz = Quiz.model_validate(_plain(raw))
    except ValidationError as err:
        errors = [e for e in err.errors() if not _reported(e)]
        errors += _rules_hidden_by_unknown_fields(raw, errors)
        problems += [_from_pydantic(e, raw, name) for e in errors]
    if not problems and labels is not None:
        problems = _section_problems(raw, name, labels)
    if problems:
        raise KeyProblems(_dedupe(problems))
    return quiz, KeyLines(raw)


def _parse_yaml(text: str, name: str):
    yaml = YAML(typ="rt")
    try:
        raw = yaml.load(text)
    except MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 1
        what = " ".join(s for s in (err.context, err.problem) if s) or "invalid YAML"
        raise KeyProblems([Problem(name, line, "quiz", f"YAML syntax error: {what}")]) from None
    except YAMLError as err:
        raise KeyProblems([Problem(name, 1, "quiz", f"YAML error: {err}")]) from None
    if raw is None:
        raise KeyProblems([Problem(name, 1, "quiz", "the answer key is empty")])
    if not isinstance(raw, dict):
        raise KeyProblems([Problem(name, 1, "quiz", "the answer key must be a mapping of fields")])
    return raw


def _structure_problems(raw, name: str) -> list[Problem]:
    """Problems pydantic would report without a useful location: duplicate ids, bad types."""
    problems = []
    questions = raw.get("questions")
    if not isinstance(questions, list):
        return problems
    seen: dict[str, int] = {}
    for i, q in enumerate(questions):
        if not isinstance(q, dict):
            problems.append(
                Problem(
                    name,
                    _item_line(questions, i),
                    f"question {i + 1}",
                    "a question must be a mapping of fields",
                )
            )
            continue
        qid = q.get("id")
        if isinstance(qid, str):
            if qid in seen:
                problems.append(
                    Problem(
                        name,
                        _key_line(q, "id"),
                        qid,
                        f"duplicate question id (first used on line {seen[qid]})",
                    )
                )
            else:
                seen[qid] = _key_line(q, "id")
        kind = q.get("type")
        where = qid if isinstance(qid, str) else f"question {i + 1}"
        if "type" not in q:
            problems.append(Problem(name, _item_line(questions, i), where, "missing field 'type'"))
        elif kind not in QUESTION_TYPES:
            problems.append(
                Problem(
                    name,
                    _key_line(q, "type"),
                    where,
                    f"unknown question type {kind!r}; expected one of " + ", ".join(QUESTION_TYPES),
                )
            )
    return problems


def _section_problems(raw, name: str, labels: set[str]) -> list[Problem]:
    problems = []
    for q in raw["questions"]:
        section = q.get("section")
        if section is not None and section not in labels:
            problems.append(
                Problem(
                    name,
                    _key_line(q, "section"),
                    q["id"],
                    f"section '{section}' is not a label in the book",
                )
            )
    return problems


def _rules_hidden_by_unknown_fields(raw, errors: list[dict]) -> list[dict]:
    """Pydantic checks a question's rules (one correct choice, a blank accepted answer…)
    only once its fields are valid, so an unknown field would hide them: check each such
    question again without its unknown fields."""
    by_question: dict[int, set[str]] = {}
    for e in errors:
        loc = e["loc"]
        if len(loc) >= 3 and loc[0] == "questions" and isinstance(loc[1], int):
            kinds = by_question.setdefault(loc[1], set())
            kinds.add(e["type"] if len(loc) == 4 else "other")
    found = []
    for i, kinds in by_question.items():
        if kinds != {"extra_forbidden"}:
            continue
        q = _plain(raw["questions"][i])
        unknown = {str(e["loc"][-1]) for e in errors if e["loc"][:2] == ("questions", i)}
        try:
            QUESTION.validate_python({k: v for k, v in q.items() if k not in unknown})
        except ValidationError as err:
            found += [{**e, "loc": ("questions", i, *e["loc"])} for e in err.errors()]
    return found


def _reported(error: dict) -> bool:
    """Errors that `_structure_problems` already reported with a better location."""
    if error["type"] in ("union_tag_invalid", "union_tag_not_found", "model_attributes_type"):
        return len(error["loc"]) == 2 and error["loc"][0] == "questions"
    return error["loc"] == () and "duplicate question id" in error["msg"]


def _from_pydantic(error: dict, raw, name: str) -> Problem:
    loc = list(error["loc"])
    line, node_path = _locate(raw, loc)
    where = "quiz"
    if len(loc) >= 2 and loc[0] == "questions" and isinstance(loc[1], int):
        q = raw["questions"][loc[1]]
        qid = q.get("id") if isinstance(q, dict) else None
        where = qid if isinstance(qid, str) else f"question {loc[1] + 1}"
    field = ".".join(str(p) for p in node_path[2 if where != "quiz" else 0 :])
    kind = error["type"]
    msg = error["msg"].removeprefix("Value error, ")
    # a model rule names the field it is about ("tolerance: ..."): point at that field's line
    named, _, rest = msg.partition(": ")
    if rest and isinstance(_node(raw, node_path), dict) and named in _node(raw, node_path):
        return Problem(name, _key_line(_node(raw, node_path), named), where, msg)
    if kind == "too_short" and loc == ["questions"]:
        msg = "the quiz has no questions"
    elif kind == "extra_forbidden":
        msg = f"unknown field '{node_path[-1]}'"
    elif kind == "missing":
        msg = f"missing field '{loc[-1]}'"
    elif field:
        msg = f"{field}: {msg}"
    return Problem(name, line, where, msg)


def _locate(raw, loc: list) -> tuple[int, list]:
    """Follow a pydantic error location through the YAML tree: (line, path that exists)."""
    node, line, path = raw, 1, []
    for part in loc:
        if isinstance(node, dict) and part in node:
            line, node = _key_line(node, part), node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            line, node = _item_line(node, part), node[part]
        elif isinstance(node, dict) and part in QUESTION_TYPES:
            continue  # pydantic's discriminator tag, not a field of the key
        else:
            path.append(part)
            break
        path.append(part)
    return line, path


def _node(raw, path: list):
    for part in path:
        raw = raw[part]
    return raw


def _key_line(mapping, key) -> int:
    try:
        return mapping.lc.key(key)[0] + 1
    except (AttributeError, KeyError, TypeError):
        return 1


def _item_line(seq, index: int) -> int:
    try:
        return seq.lc.item(index)[0] + 1
    except (AttributeError, KeyError, TypeError, IndexError):
        return 1


def _plain(node):
    """ruamel's round-trip containers as plain dicts and lists."""
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return node


def _dedupe(problems: list[Problem]) -> list[Problem]:
    out = []
    for p in problems:
        if p not in out:
            out.append(p)
    return out
