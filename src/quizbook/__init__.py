"""quizbook: answer keys kept as data become live, static and self-checking quizzes."""

from .load import KeyProblems, load_quiz, parse_quiz
from .model import Quiz
from .score import fraction, points

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

# The live quiz needs ipywidgets: imported on first use, so `import quizbook` stays light.
_LAZY = {"show": "widget", "QuizWidget": "widget", "self_check": "selfcheck"}


def __getattr__(name: str):
    if name in _LAZY:
        from importlib import import_module

        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])
