"""quizbook: answer keys kept as data become live, static and self-checking quizzes."""

__all__ = [
    "KeyProblems",
    "Quiz",
    "QuizWidget",
    "fraction",
    "load_quiz",
    "parse_quiz",
    "points",
    "self_check",
    "show",
]
__version__ = "0.1.0"

# Imported on first use, so that `import quizbook` stays light: the book's Sphinx extension
# (quizbook.sphinx) needs none of these, and building the pydantic model or loading
# ipywidgets would add a fifth of a second to every build, no-op rebuilds included.
_LAZY = {
    "KeyProblems": "load",
    "load_quiz": "load",
    "parse_quiz": "load",
    "Quiz": "model",
    "fraction": "score",
    "points": "score",
    "show": "widget",
    "QuizWidget": "widget",
    "self_check": "selfcheck",
}


def __getattr__(name: str):
    if name in _LAZY:
        from importlib import import_module

        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])
