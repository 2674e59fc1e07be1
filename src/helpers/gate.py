"""The publish gate's verdict, as data: a small JSON file an edition writes beside its figure when
something it checked must hold back the whole render, and the runner reads (papermill-style
structured results: nothing is recognised from an exception's name or message).

The claims edition writes it (helpers.claims.require_published_claims_hold): `gate.json` in its
output folder, `{"holds": true, "contradicted": []}` when every claim our copy relies on is
supported, else each contradicted claim as a record. It is published with the ledger, a
machine-readable copy of its verdict. An edition that writes no gate file has no say.
"""

from __future__ import annotations

import json
from pathlib import Path

FILE = "gate.json"
FIELDS = ("claim_id", "claim", "claimed", "data_value", "explanation")   # one contradicted claim


def write(folder: str | Path, contradicted: list[dict]) -> Path:
    path = Path(folder) / FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    records = [{key: str(item[key]) for key in FIELDS} for item in contradicted]
    path.write_text(json.dumps({"holds": not records, "contradicted": records}, indent=1, ensure_ascii=False)
                    + "\n", encoding="utf-8")
    return path


def read(folder: Path | None) -> list[dict] | None:
    """The contradicted claims an edition's gate file names (empty when it holds); None without a gate file."""
    path = Path(folder) / FILE if folder else None
    if path is None or not path.is_file():
        return None
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return [{"claim_id": "(unreadable gate file)", "claim": str(path), "claimed": "", "data_value": "",
                 "explanation": "the gate file is not valid JSON, so the render is held back"}]
    return list(document.get("contradicted") or [])


def describe(item: dict) -> str:
    """One contradicted claim in a sentence: K01 "claim": claimed exactly 123, data says 23. Why."""
    return (f'{item["claim_id"]} "{item["claim"]}": claimed {item["claimed"]}, data says {item["data_value"]}. '
            f'{item["explanation"]}').rstrip()
