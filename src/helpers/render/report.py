"""How a render reports progress: a bar on a terminal, plain timestamped lines for cron and CI."""

from __future__ import annotations

import datetime as dt
import sys


class Reporter:
    """A progress bar on a terminal; plain timestamped lines for cron and CI."""

    def __init__(self, quiet: bool = False):
        self.bar = None
        self.quiet = quiet

    def begin(self, total: int) -> None:
        if sys.stderr.isatty() and total and not self.quiet:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="edition", desc="rendering", file=sys.stderr,
                            bar_format="{desc}: {n}/{total} editions |{bar:20}| {elapsed}")

    def line(self, message: str) -> None:
        if self.quiet:
            return
        stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S")
        text = f"{stamp} {message}" if self.bar is None else message
        if self.bar is not None:
            self.bar.write(text, file=sys.stderr)
        else:
            print(text, file=sys.stderr, flush=True)

    def advance(self) -> None:
        if self.bar is not None:
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
