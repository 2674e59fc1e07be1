"""Helpers for the Belarus releases desk: data, parameters, figures, exports, claims, renders.

Each module does one job and data flows one way (docs/architecture.md):
data -> figures (+ kit, theme) -> export, with params checking notebook parameters, stories
declaring each story once, claims checking published numbers, and render running the notebooks.
"""

from helpers.errors import DeskError

__all__ = ["DeskError"]
