"""The figure kit: the pieces every figure builder is made of.

A builder (one module per figure in helpers.figures) filters the data to its period,
draws its marks, and hands them to `frame.framed()` with its words; it returns a `Figure`.
The kit owns what figures share: the Figure record, the period filter, the date axis and
tooltip, the step line and the get-the-data table; the frame (title, subtitle, footer with
sources, freshness and credit), legends and fitting a fixed-size card are in helpers.frame. Builders know nothing of files (helpers.export writes them).

Builders name their encoding channels (alt.X("date:T"), alt.Text(...), alt.YValue(0)) rather
than passing shorthand strings or alt.value(): for each of those Altair looks the channel class
up by hashing all its schema classes, about 2 ms a time, a few dozen ms for each
figure built. The spec is the same either way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import altair as alt
import pandas as pd

from helpers import theme
from helpers.errors import ParameterError
from helpers.i18n import Translator
from helpers.i18n.chrome import pN_
from helpers.text import data_to, wrap  # noqa: F401 (kit.wrap for builders)

DATE_TEXT = "date_text"  # a column with each row's date as the language writes it (tooltips)
LOCALIZED = "@"          # a table column "<name>@" holds <name>'s values in the figure's language


@dataclass
class Figure:
    """A chart ready for export, with the data behind it and words about it."""

    slug: str
    layout: theme.Layout
    chart: alt.TopLevelMixin
    table: pd.DataFrame                 # exactly what is plotted, with source URLs
    title: str
    subtitle: str
    alt_text: str
    data_to: pd.Timestamp | None        # the newest dated row the figure used
    period: tuple[pd.Timestamp, pd.Timestamp] | None = None
    key_numbers: dict[str, int] = field(default_factory=dict)
    t: Translator | None = None          # the language it speaks (None: English)
    method_note: str = ""               # one or two sentences on method, in the language
    headers: dict[str, str] = field(default_factory=dict)   # table column -> header in the language
    localized: pd.DataFrame | None = None   # `table` with its values in the language (same rows and columns)
    checked: dict | None = None         # the last check of its main dataset (helpers.checks.last_check)
    leads: list[dict] = field(default_factory=list)   # the open leads it draws (helpers.checks.lead_records)

    @property
    def language(self):
        from helpers.i18n import language

        return self.t.language if self.t is not None else language("en")

    def sources(self) -> list[dict]:
        """Each publisher and URL the figure's rows cite, once, in the table's order (publishers
        as the language names them)."""
        table = self.localized if self.localized is not None else self.table
        if "source_publisher" not in table or "source_url" not in table:
            return []
        pairs = table[["source_publisher", "source_url"]].dropna().astype(str).drop_duplicates()
        return [{"publisher": row.source_publisher, "url": row.source_url} for row in pairs.itertuples()]

    def messages(self) -> list[str]:
        """The catalog messages and data labels the figure's words came from, as "context|msgid" and
        "label|<label id>" (the reviewer's sheet shows each message with the figures it is in)."""
        return sorted(f"{context}|{msgid}" for context, msgid in (self.t.used if self.t is not None else ()))

    def metadata(self) -> dict:
        """What the site and the change review read about the figure (written as <slug>.json)."""
        def iso(stamp):
            return pd.Timestamp(stamp).date().isoformat() if stamp is not None else None

        return {
            "figure": self.slug, "layout": self.layout.name, "language": self.language.code,
            "html_lang": self.language.html_lang, "language_status": self.language.status,
            "title": self.title, "subtitle": self.subtitle, "alt_text": self.alt_text,
            "data_to": iso(self.data_to),
            "period": {"start": iso(self.period[0]), "end": iso(self.period[1])} if self.period else None,
            "key_numbers": {name: int(value) for name, value in self.key_numbers.items()},
            "sources": self.sources(), "method_note": self.method_note, "messages": self.messages(),
            # read by helpers.freshness and the site: a quiet month is not stale if someone looked
            **({"checked": self.checked} if self.checked else {}), **({"leads": self.leads} if self.leads else {}),
        }


def require_layout(layout: theme.Layout, supported: tuple[str, ...], what: str) -> None:
    """A figure that cannot be drawn in a layout says so, naming the parameter."""
    if layout.name not in supported:
        raise ParameterError(f"parameter layout: {layout.name} is not available for {what} "
                             f"(expected one of: {', '.join(supported)})")


# ------------------------------------------------------------------ periods and data

def in_period(frame: pd.DataFrame, start, end, column: str = "date") -> pd.DataFrame:
    """Rows dated within [start, end]."""
    return frame[(frame[column] >= pd.Timestamp(start)) & (frame[column] <= pd.Timestamp(end))]


def newest_date(*columns: pd.Series) -> pd.Timestamp | None:
    """The newest date among the rows a figure draws: its "Data to" date."""
    dates = [pd.to_datetime(c).max() for c in columns if len(c) and pd.to_datetime(c).notna().any()]
    return max(dates) if dates else None


def step_line(events: pd.DataFrame, start, end, total: int) -> pd.DataFrame:
    """Points of a cumulative step line: zero on the start date, each event, on to the end date."""
    line = pd.concat([pd.DataFrame({"date": [pd.Timestamp(start)], "cumulative": [0]}),
                      events[["date", "cumulative"]],
                      pd.DataFrame({"date": [pd.Timestamp(end)], "cumulative": [total]})], ignore_index=True)
    line["cumulative"] = line["cumulative"].astype("int64")
    return line


def download_table(parts: list[pd.DataFrame], sort: list[str]) -> pd.DataFrame:
    """The get-the-data table: the parts stacked, dates written as YYYY-MM-DD, in a stable order."""
    table = pd.concat([p for p in parts if p is not None], ignore_index=True)
    table["date"] = pd.to_datetime(table["date"]).dt.strftime("%Y-%m-%d")
    return table.sort_values(sort, kind="stable").reset_index(drop=True)


def tables(parts: list[pd.DataFrame], sort: list[str], t: Translator) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The get-the-data table twice, row for row: with the data's own (English) values, for
    scripts (<slug>.csv), and in the figure's language (<slug>.localized.csv). A part gives a
    column's words in the language as "<column>@" (descriptions, publishers, who counted); the
    coded values (TABLE_VALUES: layer, series, basis, qualifier, sector) come from the catalog."""
    table = download_table(parts, sort)
    own = [column for column in table.columns if column.endswith(LOCALIZED)]
    machine = table.drop(columns=own)
    localized = machine.copy()
    for column in own:
        base = column[:-len(LOCALIZED)]
        localized[base] = table[column].where(table[column].notna(), machine[base]) if base in machine else table[column]
    for column, values in TABLE_VALUES.items():
        if column in localized:
            localized[column] = [_table_value(t, column, value, values) for value in localized[column]]
    return machine, localized


def _table_value(t: Translator, column: str, value, values: tuple[str, ...]):
    if not isinstance(value, str) or not value:
        return value
    if value not in values:
        raise ParameterError(f"the {column} value {value!r} has no translation: add it to TABLE_VALUES in "
                             "src/helpers/kit.py, then run `make translations`")
    context = f"table: {column}"      # the values are marked with their contexts in TABLE_VALUES
    return t.pgettext(context, value)


# The get-the-data table's columns (English keys, the stable header of <slug>.csv) and the
# header each gets in a language (<slug>.localized.csv): English msgids, translated with t._.
TABLE_HEADERS = {
    "date": "Date", "layer": "Layer", "status": "Status", "series": "Series", "id": "ID", "lane": "Lane",
    "description": "Description", "sector": "Sector", "value": "Value", "cumulative": "Total so far",
    "basis": "Basis", "qualifier": "Figure is", "segment": "Line segment", "counted_by": "Counted by",
    "source_publisher": "Source", "source_url": "Source URL", "second_source_url": "Second source URL",
}


# The coded values of the table's columns, each translated in its column's context
# (msgctxt "table: <column>"): pN_ marks them for `make translations`.
TABLE_VALUES = {
    "layer": (pN_("table: layer", "release"), pN_("table: layer", "milestone"), pN_("table: layer", "sanctions")),
    "status": (pN_("table: status", "confirmed"), pN_("table: status", "unconfirmed")),
    "series": (pN_("table: series", "held (Viasna)"), pN_("table: series", "held (other counts)"),
               pN_("table: series", "freed, cumulative (official)"),
               pN_("table: series", "newly recognised in period")),
    "basis": (pN_("table: basis", "official"), pN_("table: basis", "political_prisoners")),
    "qualifier": (pN_("table: qualifier", "exact"), pN_("table: qualifier", "about"),
                  pN_("table: qualifier", "more_than"), pN_("table: qualifier", "at_least")),
    "sector": (pN_("table: sector", "potash"), pN_("table: sector", "aviation"), pN_("table: sector", "finance"),
               pN_("table: sector", "other"), pN_("table: sector", "unknown")),
}


def table_headers(t: Translator) -> dict[str, str]:
    """Each table column's header in the language (MissingTranslation if one is missing)."""
    return {key: t._(english) for key, english in TABLE_HEADERS.items()}


def one_full_stop(text: str) -> str:
    """Alt text as sentences: a date that ends with its own full stop ("19 марта 2026 г.",
    "2026 m. kovo 19 d.") does not get a second one at the end of the sentence."""
    return re.sub(r"(?<!\.)\.\.(?!\.)", ".", text.strip())


def left_out_notes(unspelled: int, no_room: int, t: Translator) -> list[str]:
    """The footer's notes when milestones the English edition labels are not labelled in this
    one (counted after the labels are placed), in words for readers."""
    notes = []
    if unspelled:
        notes.append(t.nphrase("{n} more milestone is not labelled: a name in it has no verified spelling in "
                               "this language.",
                               "{n} more milestones are not labelled: names in them have no verified spelling in "
                               "this language.", unspelled))
    if no_room:
        notes.append(t.nphrase("{n} more milestone is not labelled: its label does not fit.",
                               "{n} more milestones are not labelled: their labels do not fit.", no_room))
    return notes


# ------------------------------------------------------------------ axes and tooltips

def date_axis(start, end, layout: theme.Layout, t: Translator, skeleton: str = "yMMM", tick_count=None) -> alt.X:
    """The time axis; tick labels in the CLDR pattern of the language (the skeleton "yMMM"
    is "Mar 2026" in English, "сак 2026 г." in Belarusian; "y" is the year alone). Vega hides
    every other label when long ones would come closer than 8 px."""
    return alt.X("date:T", title=None, scale=alt.Scale(domain=[pd.Timestamp(start).isoformat(),
                                                               pd.Timestamp(end).isoformat()]),
                 axis=alt.Axis(format=t.axis_format(skeleton),
                               tickCount=tick_count or _ticks_that_fit(layout, t, skeleton),
                               labelFontSize=layout.text_size, labelOverlap=True, labelSeparation=8))


def _ticks_that_fit(layout: theme.Layout, t: Translator, skeleton: str) -> int:
    """The layout's tick count, fewer when the language's tick labels are long ("2024 liep."):
    the longest month tick measured in the house font."""
    from helpers.placement import text_width

    labels = [t.axis_month_year(f"2026-{month:02d}-01") for month in range(1, 13)] if skeleton == "yMMM" else ["2026"]
    longest = max(text_width(label, layout.text_size) for label in labels)
    fits = int((layout.width - 80) / (longest + 24))
    return max(2, min(layout.tick_count, fits))


def with_dates(frame: pd.DataFrame, t: Translator, column: str = "date") -> pd.DataFrame:
    """The frame with DATE_TEXT: each date as the language writes it with its day
    ("19 сакавіка 2026 г."), which d3's one set of month names cannot do."""
    out = frame.copy()
    out[DATE_TEXT] = [t.day(value) if pd.notna(value) else "" for value in out[column]]
    return out


def date_tooltip(t: Translator) -> alt.Tooltip:
    """The tooltip's date; the layer's data needs with_dates()."""
    return alt.Tooltip(f"{DATE_TEXT}:N", title=t._("Date"))


# ------------------------------------------------------------------ the frame
