"""`python -m helpers.i18n translations` (make translations), `... labels` (part of make validate: data
labels and catalogs, exit 2 on anything a render would stop on), `... review-sheet` (make review-sheet:
output/review/<code>.html, one page per language for its reviewer)."""

import sys

from helpers.i18n import check, maintain, sheet

COMMANDS = {"translations": maintain.main, "labels": check.main, "review-sheet": sheet.main}

if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in COMMANDS:
        print(f"usage: python -m helpers.i18n {{{','.join(COMMANDS)}}}", file=sys.stderr)
        sys.exit(2)
    sys.exit(COMMANDS[sys.argv[1]]())
