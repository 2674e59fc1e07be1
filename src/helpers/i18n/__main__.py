"""`python -m helpers.i18n translations` (make translations) and `... labels` (part of make validate)."""

import sys

from helpers.i18n import labels, maintain

COMMANDS = {"translations": maintain.main, "labels": labels.main}

if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in COMMANDS:
        print(f"usage: python -m helpers.i18n {{{','.join(COMMANDS)}}}", file=sys.stderr)
        sys.exit(2)
    sys.exit(COMMANDS[sys.argv[1]]())
