"""Reading one CSV data file into columns of raw cells, with the editor line of each record.

pandas' C parser reads the cells (fast); what it does not say is where each record starts
and how many cells it had (it pads short rows). Both come from counting in the raw bytes:

- lines (worked out only when a problem needs one): a newline ends a record unless it is
  inside a quoted cell, i.e. an odd number of quotes comes before it;
- cell counts: pandas pads a short record with empty cells, so only records whose last
  cell is empty may be short. Those are counted from the bytes: every comma between a
  record's first and last byte is a separator unless it is inside one of its cells.

Files pandas cannot read the way Python's csv module does (lone CR line ends, an unclosed
quote) are read with the csv module instead, as the validator always did; the checks on the
columns are the same either way. Problems with the bytes themselves (BOM, CRLF, not UTF-8)
are found here too.
"""

from __future__ import annotations

import csv
import functools
import io
import mmap
import warnings
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.data.contract import Problem


class Column:
    """One column of raw cells, one per record; `raw[codes[i]]` is record i's cell.

    `distinct()` groups equal cells (pandas.factorize), so that each distinct cell is
    checked once; `as_is()` does not, for columns whose every cell gets only cheap checks.
    Either is chosen by the first use.
    """

    def __init__(self, cells: np.ndarray):
        self.cells = cells
        self.codes = self.raw = self.stripped = None

    def distinct(self) -> Column:
        if self.codes is None:
            sample = self.cells[:SAMPLE]
            if len(self.cells) > SAMPLE and len(pd.unique(sample)) > SAMPLE // 2:
                return self.as_is()     # mostly distinct (ids, free text): grouping would buy nothing
            codes, uniques = pd.factorize(self.cells)
            self._set(codes, np.asarray(uniques, dtype=object))
        return self

    def as_is(self) -> Column:
        if self.codes is None:
            self._set(np.arange(len(self.cells)), self.cells)
        return self

    def _set(self, codes: np.ndarray, raw: np.ndarray) -> None:
        self.codes, self.raw = codes, raw
        self.stripped = np.empty(len(raw), dtype=object)
        self.stripped[:] = list(map(str.strip, raw))

    def take(self, rows) -> Column:
        taken = Column(self.cells[rows])
        if self.codes is not None:
            taken.codes, taken.raw, taken.stripped = self.codes[rows], self.raw, self.stripped
        return taken

    def blank(self, rows: np.ndarray | None = None) -> np.ndarray:
        """Whether the cells of these records (default: all) hold nothing but spaces."""
        cells = self.cells if rows is None else self.cells[rows]
        return (cells == "") | np.fromiter(map(str.isspace, cells), dtype=bool, count=len(cells))

    def per_record(self, text: str) -> np.ndarray:
        """How many times `text` occurs in each record's cell."""
        self.distinct()
        counts = np.fromiter(map(str.count, self.raw, repeat(text)), dtype=np.int64, count=len(self.raw))
        return counts[self.codes]


class Lines:
    """The editor line each record starts on, worked out when first asked for: only a
    problem needs a line number, so a clean file never pays for counting them."""

    def __init__(self, compute):
        self._compute, self._lines = compute, None

    def __getitem__(self, index):
        if self._lines is None:
            self._lines = np.asarray(self._compute(), dtype=np.int64)
        return self._lines[index]

    def take(self, index) -> Lines:
        return Lines(lambda: self[index])


@dataclass
class Table:
    """The records after the header (blank records left out) and where they are."""

    header: list[str]        # the header's names, stripped
    header_at: Lines         # [0]: the header's editor line
    columns: list[Column]    # as many as the widest record has cells
    lines: Lines             # editor line each record starts on
    counts: np.ndarray       # how many cells each record has

    @property
    def header_line(self) -> int:
        return int(self.header_at[0])


SAMPLE = 10_000   # cells looked at to tell a column of mostly distinct values


class _UseCsvModule(Exception):
    """The file needs Python's csv module to be read exactly as an editor shows it."""


BOM = b"\xef\xbb\xbf"


def read_table(path: Path, shown: str) -> tuple[Table | None, list[Problem]]:
    """The file's table (None when it is not UTF-8; no header when it has no record) and the
    problems with its bytes."""
    with path.open("rb") as handle:     # mapped, not read: pandas reads the file itself
        raw = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) if path.stat().st_size else b""
    problems: list[Problem] = []
    source = path
    if raw[:len(BOM)] == BOM or raw.find(b"\r") >= 0:      # rare: work on a corrected copy
        raw = bytes(raw)
        if raw.startswith(BOM):
            problems.append(Problem(shown, 1, None, "starts with a byte-order mark (BOM); save it as UTF-8 without BOM"))
            raw = raw[len(BOM):]
        source = None
    crlf = raw.find(b"\r\n") if source is None else -1
    if crlf >= 0:
        line_endings = Problem(shown, raw.count(b"\n", 0, crlf) + 1, None,
                               "has Windows line endings (CRLF); save it with Unix line endings (LF)")
        raw = raw.replace(b"\r\n", b"\n")
    try:
        try:
            if source is None and b"\r" in raw:
                raise _UseCsvModule
            columns, lines, counts = _read_fast(raw, source)
        except _UseCsvModule:
            columns, lines, counts = _read_with_csv_module(bytes(raw).decode("utf-8"))
    except UnicodeDecodeError:
        raw = bytes(raw)
        err = _decode_error(raw)
        problems.append(Problem(shown, raw.count(b"\n", 0, err.start) + 1, None,
                                f"is not UTF-8 text (byte 0x{raw[err.start:err.start + 1].hex()}); "
                                "save the file as UTF-8"))
        return None, problems
    if crlf >= 0:
        problems.append(line_endings)
    records = len(counts)
    maybe_blank = np.flatnonzero(columns[0].blank()) if columns else np.arange(records)
    for column in columns[1:]:      # a blank record is blank in its first cell: few are checked further
        maybe_blank = maybe_blank[column.blank(maybe_blank)]
    kept = np.setdiff1d(np.arange(records), maybe_blank, assume_unique=True)
    if not len(kept):
        return Table([], lines, [], lines, counts), problems
    first, rest = kept[0], kept[1:]
    header = [str(column.cells[first]).strip() for column in columns[:counts[first]]]
    if len(rest) == records - 1 - first:     # no blank record after the header: no copy needed
        rest = slice(first + 1, None)
    return Table(header, lines.take([first]), [c.take(rest) for c in columns], lines.take(rest),
                 counts[rest]), problems


def _decode_error(raw: bytes) -> UnicodeDecodeError:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as err:
        return err
    raise AssertionError("pandas reported a decoding error that Python does not see")


def _read_with_csv_module(text: str) -> tuple[list[Column], Lines, np.ndarray]:
    reader = csv.reader(io.StringIO(text, newline=""))
    records, lines, next_line = [], [], 1
    for row in reader:
        records.append(row)
        lines.append(next_line)
        next_line = reader.line_num + 1
    width = max((len(r) for r in records), default=0)
    columns = [Column(np.array([r[i] if i < len(r) else "" for r in records], dtype=object)) for i in range(width)]
    return columns, Lines(lambda: lines), np.array([len(r) for r in records], dtype=np.int64)


def _first_record_width(binary) -> int:
    """Cells in the first record that is not blank (the header), read with the csv module."""
    with io.TextIOWrapper(binary, encoding="utf-8", newline="") as stream:
        for row in csv.reader(stream):
            if any(cell.strip() for cell in row):
                return len(row)
    return 0


def _read_fast(raw, path: Path | None) -> tuple[list[Column], Lines, np.ndarray]:
    """With pandas: from the file at `path`, else from `raw` (the bytes, corrected)."""
    source = (lambda: path) if path is not None else (lambda: io.BytesIO(raw))
    width = _first_record_width(path.open("rb") if path is not None else io.BytesIO(raw))
    if width == 0:
        return [], Lines(lambda: []), np.zeros(0, dtype=np.int64)
    frame = _read_cells(source, width)
    width = frame.shape[1]
    columns = [Column(frame[i].to_numpy()) for i in range(width)]
    del frame
    located = functools.cache(lambda: _record_lines(raw, columns))
    return columns, Lines(lambda: located()[0]), _cell_counts(raw, columns, width, located)


def _read_cells(source, width: int) -> pd.DataFrame:
    """Every record (blank ones too) as `width` text cells. `source()` gives the file's path, or a
    fresh stream of its corrected bytes. A record wider than the first, or a quote left open, is
    read the csv module's way (pandas says which only in its message's words)."""
    try:
        with warnings.catch_warnings():
            # a first record wider than `width` would be cut short with only a warning
            warnings.simplefilter("error", pd.errors.ParserWarning)
            return pd.read_csv(source(), header=None, names=range(width), index_col=False, dtype=object,
                               na_filter=False, skip_blank_lines=False, engine="c", encoding="utf-8")
    except (pd.errors.ParserWarning, pd.errors.ParserError):
        raise _UseCsvModule from None


def _record_lines(raw: bytes, columns: list[Column]) -> tuple[np.ndarray, np.ndarray]:
    """The editor line each record starts on, and how many newlines its cells hold."""
    records = len(columns[0].cells)
    ends = records if raw[-1:] == b"\n" else records - 1
    data = np.frombuffer(raw, dtype=np.uint8)
    newline_at = np.flatnonzero(data == ord("\n"))
    if len(newline_at) == ends:     # no cell holds a newline
        return 1 + np.arange(records, dtype=np.int64), np.zeros(records, dtype=np.int64)
    # A newline ends a record unless an odd number of quotes comes before it (it is inside a
    # quoted cell). That holds when quotes only open and close cells, as CSV writers put them;
    # if the records found do not match pandas' records, count the newlines in the cells.
    quotes_before = np.searchsorted(np.flatnonzero(data == ord('"')), newline_at)
    record_ends = np.flatnonzero(quotes_before % 2 == 0)
    if len(record_ends) == ends:
        lines = np.concatenate(([1], record_ends[:records - 1] + 2))
        last_lines = np.append(record_ends + 1, len(newline_at) + 1)[:records]
        return lines, last_lines - lines
    newlines = np.zeros(records, dtype=np.int64)
    for column in columns:
        newlines += column.per_record("\n")
    if newlines.sum() != len(newline_at) - ends:
        raise _UseCsvModule
    before = np.concatenate(([0], np.cumsum(newlines)[:-1]))
    return 1 + np.arange(records, dtype=np.int64) + before, newlines


def _cell_counts(raw: bytes, columns: list[Column], width: int, located) -> np.ndarray:
    """How many cells each record has (pandas pads short ones to `width` with empty cells)."""
    records = len(columns[0].cells)
    maybe_short = np.flatnonzero(columns[-1].cells == "")
    if not len(maybe_short):        # no record ends in an empty cell, so none was padded
        return np.full(records, width, dtype=np.int64)
    # Those records: count the separators between their first and last byte (every comma
    # there is a separator unless it is inside a cell).
    lines, newlines = located()
    commas_in_cells = [column.per_record(",") for column in columns]
    data = np.frombuffer(raw, dtype=np.uint8)
    newline_at = np.flatnonzero(data == ord("\n"))
    line_starts = np.concatenate(([0], newline_at + 1))
    line_ends = np.concatenate((newline_at, [len(raw)]))
    commas_at = np.flatnonzero(data == ord(","))
    start = line_starts[lines[maybe_short] - 1]
    end = line_ends[lines[maybe_short] - 1 + newlines[maybe_short]]
    in_cells = sum(c[maybe_short] for c in commas_in_cells)
    counts = np.full(records, width, dtype=np.int64)
    counts[maybe_short] = np.searchsorted(commas_at, end) - np.searchsorted(commas_at, start) - in_cells + 1
    separators = len(commas_at) - sum(int(c.sum()) for c in commas_in_cells)
    if counts.max() > width or (counts - 1).sum() != separators:
        raise _UseCsvModule     # pandas and the byte counts disagree: read it the csv module's way
    return counts
