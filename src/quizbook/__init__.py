"""quizbook: answer keys kept as data become live, static and self-checking quizzes."""

from .load import KeyProblems, load_quiz, parse_quiz
from .model import Quiz
from .score import fraction, points

__all__ = ["KeyProblems", "Quiz", "fraction", "load_quiz", "parse_quiz", "points"]
__version__ = "0.1.0"
