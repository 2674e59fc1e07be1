"""Helpers for the Belarus releases desk: data, parameters, charts, exports, claims, renders.

Each module does one job and data flows one way (see README, "How the code is organised"):
data -> charts (+ theme) -> export, with params checking notebook parameters,
claims checking published numbers, and render running the notebooks.
"""

from helpers.errors import DeskError

__all__ = ["DeskError"]
