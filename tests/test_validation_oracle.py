"""The column-at-a-time validator says exactly what the old row-by-row one said.

The old validator (tests/row_by_row_validator.py, kept verbatim as an oracle) and
`helpers.data.validate()` run on the same corpus of bad copies of data/: hand-made cases
for every kind of mistake and every odd way of writing a CSV file (multi-line quoted cells,
blank lines, short and long rows, stray quotes, CRLF, lone CR, BOM, latin-1), plus seeded
random corruptions. Same problems, same order, same words; and the same rows come out.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path

import pytest

import row_by_row_validator as oracle
from conftest import ROOT
from helpers.data.validation import check_all

TODAY = dt.date(2026, 12, 3)     # on or after every date in the data (data/checks.csv: 3 Dec 2026)


def lines_of(path: Path) -> list[bytes]:
    return path.read_bytes().split(b"\n")


def replace(name: str, old: bytes, new: bytes, count: int = 1):
    def mutate(data: Path) -> None:
        raw = (data / name).read_bytes()
        assert old in raw, (name, old)
        (data / name).write_bytes(raw.replace(old, new, count))
    return mutate


def edit_lines(name: str, change):
    def mutate(data: Path) -> None:
        lines = lines_of(data / name)
        (data / name).write_bytes(b"\n".join(change(lines)))
    return mutate


def both(*mutations):
    def mutate(data: Path) -> None:
        for m in mutations:
            m(data)
    return mutate


R, S, M, P, C = "releases.csv", "sanctions.csv", "milestones.csv", "people.csv", "claims.csv"

CASES = {
    "clean": lambda data: None,
    "bad date": replace(R, b"E22,2025-12-13,", b"E22,2025-13-12,"),
    "bad dates everywhere": replace(S, b",2025-", b",2025-00-"),
    "unicode digits in a date": replace(R, b"E22,2025-12-13,", "E22,٢٠٢٥-١٢-١٣,".encode()),
    "fullwidth digits in a count": replace(R, b"E22,2025-12-13,123,", "E22,2025-12-13,１２３,".encode()),
    "calendar date and future date": both(replace(R, b"E22,2025-12-13,", b"E22,2025-02-29,"),
                                          replace(R, b"E23,", b"E23,2099-01-01,E23x,")),
    "count forms": both(replace(R, b"E22,2025-12-13,123,", b"E22,2025-12-13,+123,"),
                        replace(R, b"E21,", b"E21,x,", 1)),
    "count edge values": replace(R, b"E22,2025-12-13,123,", b"E22,2025-12-13,-0,"),
    "fraction, exponent, negative": both(replace(R, b"E22,2025-12-13,123,", b"E22,2025-12-13,1e3,"),
                                         replace(R, b"E20,", b"E20,2025-01-01,-4,", 1)),
    "priority out of range": replace(M, b",Lukashenko pledges releases,Release pledge,2,",
                                     b",Lukashenko pledges releases,Release pledge,9,"),
    "priority zero": replace(M, b",Lukashenko pledges releases,Release pledge,2,",
                             b",Lukashenko pledges releases,Release pledge,0,"),
    "spaces around values": both(replace(R, b",in_belarus,", b", in_belarus ,", 3),
                                 replace(S, b",potash,", b",potash\t,")),
    "spaces and a bad value in one cell": replace(R, b"E22,2025-12-13,", b"E22, 2025-13-12,"),
    "non-breaking space": replace(R, b",lithuania,", b",lithuania\xc2\xa0,"),
    "whitespace-only required cell": replace(R, b",in_belarus,", b",   ,"),
    "quoted cell with spaces": replace(R, b",in_belarus,", b',"  in_belarus",'),
    "enum near miss and far miss": both(replace(R, b",lithuania,", b",lithunia,"), replace(S, b",ease,", b",relax,")),
    "boolean case": replace(R, b",true,", b",True,"),
    "url forms": both(replace(M, b"https://kyma.com/", b"kyma.com/"), replace(R, b"https://kyivindependent", b"ftp://x")),
    "label too long": replace(M, b",Poland border buffer zone,", b",Poland border buffer zone is now very long,"),
    "pattern broken": replace(P, b"P019,", b"P19,"),
    "duplicate ids": both(replace(R, b"E23,", b"E22,"), replace(R, b"E24,", b"E22,")),
    "duplicate id after a bad row": both(replace(R, b"E03,2024", b"E03,20x4"), replace(R, b"E04,", b"E03,")),
    "dangling links": both(replace(R, b",M028,", b",M999,"), replace(P, b",E13,", b",E99,")),
    "link to a row with a bad cell": replace(M, b"M028,2025", b"M028,x2025"),
    "link to a short row": edit_lines(M, lambda ls: [l.split(b",", 1)[0] + b",2025-01-01" if l.startswith(b"M028,")
                                                     else l for l in ls]),
    "short row": edit_lines(R, lambda ls: [l.rsplit(b",", 1)[0] if l.startswith(b"E10,") else l for l in ls]),
    "short row ending in an empty cell": edit_lines(R, lambda ls: [l.split(b",", 3)[0] + b"," if l.startswith(b"E10,")
                                                                   else l for l in ls]),
    "long row": replace(R, b"Associated Press (via WTOP)", b"Associated Press, via WTOP"),
    "trailing comma": edit_lines(S, lambda ls: [l + b"," if l.startswith(b"S010,") else l for l in ls]),
    "long first record": edit_lines(R, lambda ls: [ls[0] + b",extra"] + ls[1:]),
    "long and short rows": both(replace(R, b"Associated Press (via WTOP)", b"Associated Press, via, WTOP"),
                                edit_lines(R, lambda ls: [l[:20] if l.startswith(b"E11,") else l for l in ls])),
    "multi-line cells before a bad one": both(replace(R, b"Tally grew day by day", b"Tally grew\nday by\nday"),
                                              replace(R, b"E22,2025-12-13,", b"E22,2025-13-12,")),
    "cell ending in a newline": replace(R, b'"No published decree;', b'"\nNo published decree;'),
    "multi-line id cell": replace(R, b"E05,", b'"E\n05",'),
    "multi-line whitespace-only record": edit_lines(R, lambda ls: ls[:5] + [b'"\n",,'] + ls[5:]),
    "blank lines": edit_lines(R, lambda ls: ls[:3] + [b"", b"   ", b",,,,"] + ls[3:6] + [b""] + ls[6:]),
    "blank lines before the header": edit_lines(S, lambda ls: [b"", b" ,", b""] + ls),
    "blank lines at the end": lambda data: (data / C).write_bytes((data / C).read_bytes() + b"\n\n  \n"),
    "no newline at the end": lambda data: (data / C).write_bytes((data / C).read_bytes().rstrip(b"\n")),
    "stray quote inside a cell": replace(R, b"Associated Press (via WTOP)", b'Associated "Press" (via WTOP)'),
    "quote after a space": replace(S, b",potash,", b', "potash",'),
    "quote left open": lambda data: (data / C).write_bytes((data / C).read_bytes() + b'K11,"unclosed\n'),
    "windows line endings": replace(S, b"\n", b"\r\n", -1),
    "one windows line ending": replace(S, b"\nS041,", b"\r\nS041,"),
    "lone carriage returns": replace(P, b"\n", b"\r", -1),
    "byte-order mark and windows line endings": both(lambda data: (data / R).write_bytes(b"\xef\xbb\xbf" + (data / R).read_bytes()),
                                                     replace(R, b"\n", b"\r\n", -1)),
    "latin-1 byte": replace(R, b"Kastusiou", b"Kastusi\xf2u"),
    "latin-1 byte late in the file": both(replace(R, b"\n", b"\r\n", -1), replace(R, b"Babel.ua,", b"Babel.ua (caf\xe9),")),
    "missing column": edit_lines(C, lambda ls: [b",".join(l.split(b",")[:-1]) for l in ls]),
    "renamed column": replace(R, b"released_count,", b"count_released,"),
    "extra column": edit_lines(P, lambda ls: [l + (b",checked_by" if i == 0 else b",AB") if l else l
                                              for i, l in enumerate(ls)]),
    "duplicate header name": replace(P, b",spouse,", b",name,"),
    "header only": lambda data: (data / C).write_bytes(lines_of(data / C)[0] + b"\n"),
    "header only in a linked file": lambda data: (data / M).write_bytes(lines_of(data / M)[0] + b"\n"),
    "empty file": lambda data: (data / S).write_bytes(b""),
    "only blank lines": lambda data: (data / S).write_bytes(b"\n \n,,\n"),
    "missing file": lambda data: (data / P).unlink(),
    "claim rules": both(replace(C, b",=,123,,", b",>,about 123,,"), replace(C, b",>,430,,", b",between,430,,")),
}


# Odd but valid: the old validator accepted these, and so must the new one.
VALID = {"clean", "fullwidth digits in a count", "count edge values", "lone carriage returns",
         "multi-line whitespace-only record", "header only", "blank lines", "blank lines before the header",
         "blank lines at the end", "no newline at the end", "stray quote inside a cell"}


def corrupt_at_random(seed: int):
    """Seeded random mistakes: odd values in random cells, rows cut or doubled, lines moved."""
    values = [b"", b" ", b"x", b"-1", b"1.5", b"2025-02-30", b"2099-01-01", b"E01", b"M999", b"true", b" true",
              b'"a,b"', b'"two\nlines"', b"https://x.org", b"lithuania", b"lithuania ", b"\xc2\xa0", b"0", b"3"]

    def mutate(data: Path) -> None:
        rng = random.Random(seed)
        for name in rng.sample(sorted(p.name for p in data.glob("*.csv")), 3):
            lines = lines_of(data / name)
            for _ in range(rng.randint(1, 6)):
                n = rng.randrange(1, len(lines) - 1)
                if b'"' in lines[n]:
                    continue      # keep quoted (maybe multi-line) cells whole
                cells = lines[n].split(b",")
                action = rng.random()
                if action < 0.7:
                    cells[rng.randrange(len(cells))] = rng.choice(values)
                elif action < 0.8:
                    cells = cells[:-1]
                elif action < 0.9:
                    cells = cells + [b"x"]
                else:
                    lines.insert(rng.randrange(1, len(lines)), lines[n])
                lines[n] = b",".join(cells)
            (data / name).write_bytes(b"\n".join(lines))
    return mutate


for number in range(40):
    CASES[f"random {number}"] = corrupt_at_random(number)


@pytest.mark.parametrize("name", list(CASES))
def test_same_messages_and_rows_as_the_row_by_row_validator(tmp_path, name):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    CASES[name](data)
    expected = [str(p) for p in oracle.validate(data, TODAY)]
    checked, problems = check_all(data, TODAY)
    assert [str(p) for p in problems] == expected
    assert {n: item.rows() for n, item in checked.items()} == oracle.validated_rows(data, TODAY)
    if not name.startswith("random"):
        assert bool(expected) == (name not in VALID), "the case should break something, or nothing"
