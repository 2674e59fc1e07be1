"""The column tables of data/README.md, generated from data/datapackage.json.

`python -m helpers.codebook` rewrites the tables between the markers
`<!-- codebook:<name>:start -->` and `<!-- codebook:<name>:end -->`; a test fails when
the README and the package disagree, so the codebook cannot drift from the contract.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from helpers import data, paths


def _constraints(field: dict) -> str:
    cons = field.get("constraints", {})
    parts = []
    if cons.get("required"):
        parts.append("required")
    if "enum" in cons:
        parts.append("one of: " + ", ".join(f"`{v}`" for v in cons["enum"]))
    if "pattern" in cons:
        parts.append(f"pattern `{cons['pattern']}`")
    if "minimum" in cons:
        parts.append(f"≥ {cons['minimum']}")
    if "maximum" in cons:
        parts.append(f"≤ {cons['maximum']}")
    if "maxLength" in cons:
        parts.append(f"at most {cons['maxLength']} characters")
    return "; ".join(parts)


def table(resource: dict) -> str:
    lines = ["| column | type | rules | description |", "|---|---|---|---|"]
    for field in resource["schema"]["fields"]:
        kind = field["type"] + (" (URL)" if field.get("format") == "uri" else "")
        description = field.get("description", "").replace("|", "\\|").replace("\n", " ")
        lines.append(f"| `{field['name']}` | {kind} | {_constraints(field)} | {description} |")
    key = resource["schema"].get("primaryKey")
    if key:
        lines.append("")
        lines.append(f"Primary key: `{key}`." + "".join(
            f" `{fk['fields']}` refers to `{fk['reference']['resource']}.{fk['reference']['fields']}`."
            for fk in resource["schema"].get("foreignKeys", [])))
    return "\n".join(lines)


def render_readme(text: str, data_dir: Path | None = None) -> str:
    for resource in data.package(data_dir)["resources"]:
        name = resource["name"]
        pattern = re.compile(rf"(<!-- codebook:{name}:start -->\n).*?(<!-- codebook:{name}:end -->)", re.S)
        if not pattern.search(text):
            raise ValueError(f"data/README.md has no codebook markers for {name}")
        text = pattern.sub(lambda m: m.group(1) + table(resource) + "\n" + m.group(2), text)
    return text


def main() -> int:
    readme = paths.data_dir() / "README.md"
    readme.write_text(render_readme(readme.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"updated the column tables in {readme}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
