"""Grading from data: response files, saved notebooks and platform downloads in; grades,
Gradescope results, feedback pages and item statistics out. Nothing a student sent is run."""

from .run import GradeError, Options, Summary, grade

__all__ = ["GradeError", "Options", "Summary", "grade"]
