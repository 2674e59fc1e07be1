"""Plain-language formatting shared by the charts, the alt text and the claims ledger."""

from __future__ import annotations

import textwrap

import pandas as pd


def day(date) -> str:
    """19 March 2026"""
    stamp = pd.Timestamp(date)
    return f"{stamp.day} {stamp:%B %Y}"


def month(date) -> str:
    """March 2026"""
    return pd.Timestamp(date).strftime("%B %Y")


def wrap(text: str, width_px: float, char_px: float = 5.6) -> list[str]:
    """Lines that fit a width in pixels, for text Vega-Lite will not wrap by itself."""
    return textwrap.wrap(text, max(20, int(width_px / char_px))) or [""]


def publishers(frame: pd.DataFrame, limit: int = 4) -> str:
    """The most cited publishers of a frame's rows, for a source line."""
    counts = frame["source_publisher"].value_counts()
    names = list(counts.index[:limit])
    more = len(counts) - len(names)
    return ", ".join(names) + (f" and {more} others" if more > 0 else "")
