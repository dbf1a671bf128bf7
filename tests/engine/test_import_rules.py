"""The engine's import rules, read from its source (every import statement, including those
inside functions) and followed through other engine modules (`make lint` runs this file):

- the core (the model and what loads, scores, records and words it, and the item-writing
  checks) imports no face, no CLI, no self-check, no grading and no export, nor ipywidgets;
- scoring imports no wording;
- the Sphinx extension imports neither ipywidgets nor pydantic (it runs in every build);
- the grader (`quizbook.grade`) and the exports (`quizbook.export`) import no face and not
  each other. Neither package exists yet: the rules bind as soon as one does, as the last
  test shows on a package made for it.
"""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "quizbook"

CORE = {
    "model", "load", "score", "response", "typed", "plaintext", "markdown", "wording",
    "layout", "book", "cues", "itemcheck", "guessing", "files",
}  # fmt: skip
FACES = {
    "widget",
    "controls",
    "detached",
    "html",
    "island",
    "assets",
    "inputs",
    "sphinx",
    "keypage",
}
CHECKS = {"selfcheck", "notebook"}
WORDING = {"wording", "plaintext", "markdown"}
GRADE, EXPORT = "grade", "export"


def _module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(root: Path) -> dict[str, set[str]]:
    """Each module of the package at `root` (named relative to it, "" for the package) with
    what it imports: package modules as "quizbook:NAME", others as "ext:TOP-LEVEL NAME"."""
    modules = {_module_name(p, root): p for p in root.rglob("*.py")}
    graph = {}
    for name, path in modules.items():
        here = name.split(".") if name else []
        package = here if path.name == "__init__.py" else here[:-1]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {"ext:" + alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                found.add("ext:" + node.module.split(".")[0])
            elif isinstance(node, ast.ImportFrom):
                base = package[: len(package) - (node.level - 1)]
                target = ".".join(base + (node.module.split(".") if node.module else []))
                for alias in node.names:  # `from . import x` may name a module x
                    sub = f"{target}.{alias.name}".lstrip(".")
                    found.add(f"quizbook:{sub if sub in modules else target}")
        graph[name] = found
    return graph


def reach(graph: dict[str, set[str]], start: str) -> dict[str, list[str]]:
    """Everything `start` imports, directly or through package modules (by name, others as
    "ext:NAME"), each with the chain of modules that leads to it."""
    chains: dict[str, list[str]] = {}
    todo = [(start, [start])]
    while todo:
        name, chain = todo.pop()
        for target in sorted(graph.get(name, ())):
            inner = target.removeprefix("quizbook:")
            if inner in chains or inner == start:
                continue
            chains[inner] = [*chain, inner]
            if target.startswith("quizbook:"):
                todo.append((inner, chains[inner]))
    return chains


def _in(name: str, group: set[str] | str) -> bool:
    groups = {group} if isinstance(group, str) else group
    return any(name == g or name.startswith(g + ".") for g in groups)


def broken_rules(root: Path) -> list[str]:
    graph = import_graph(root)
    problems = []

    def forbid(sources, forbidden, why: str) -> None:
        for source in sorted(m for m in graph if _in(m, sources)):
            for target, chain in sorted(reach(graph, source).items()):
                if _in(target, forbidden):
                    problems.append(f"{' -> '.join(chain)}: {why}")

    widgets, pydantic = "ext:ipywidgets", "ext:pydantic"
    forbid(CORE, FACES | CHECKS | {"cli", GRADE, EXPORT, widgets}, "the core imports no face")
    forbid({"score"}, WORDING, "scoring imports no wording")
    forbid({"sphinx"}, {widgets, pydantic}, "the Sphinx extension stays light")
    forbid({GRADE}, FACES | CHECKS | {EXPORT, widgets}, "grading imports no face or export")
    forbid({EXPORT}, FACES | CHECKS | {GRADE, widgets}, "exports import no face or grader")
    return problems


def test_the_engine_keeps_its_import_rules():
    assert broken_rules(PACKAGE) == []


def test_every_module_is_placed():
    """A new module must be put in a group here, so that a rule covers it."""
    placed = CORE | FACES | CHECKS | {"", "cli"}
    loose = [m for m in import_graph(PACKAGE) if not _in(m, placed | {GRADE, EXPORT})]
    assert loose == []


def _package(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("files", "broken"),
    [
        (
            {"grade/__init__.py": "", "grade/mark.py": "from ..widget import QuizWidget\n"},
            "grade.mark -> widget: grading imports no face or export",
        ),
        (
            {
                "grade/__init__.py": "",
                "grade/report.py": "from .. import export\n",
                "export.py": "",
            },
            "grade.report -> export: grading imports no face or export",
        ),
        (
            {"export/__init__.py": "def f():\n    from ..grade import mark\n", "grade/mark.py": ""},
            "export -> grade.mark: exports import no face or grader",
        ),
        (
            {"score.py": "from .plaintext import points_phrase\n"},
            "score -> plaintext: scoring imports no wording",
        ),
        (
            {"model.py": "def f():\n    from . import cli\n", "cli.py": ""},
            "model -> cli: the core imports no face",
        ),
        (
            {"sphinx.py": "from .assets import x\n", "assets.py": "import pydantic\n"},
            "sphinx -> assets -> ext:pydantic: the Sphinx extension stays light",
        ),
    ],
)
def test_the_rules_bind_on_packages_that_do_not_exist_yet(tmp_path, files, broken):
    root = _package(tmp_path / "quizbook", {"__init__.py": "", "widget.py": "", **files})
    assert broken in broken_rules(root)
