"""`python -m helpers.site`: rebuild output/site/ from what is published in output/.
`python -m helpers.site --serve [--port N]`: then preview it on http://127.0.0.1 (Ctrl-C stops)."""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
from pathlib import Path

from helpers import freshness, paths, plan
from helpers.errors import DeskError
from helpers.site import NO_SITE_URL
from helpers.site.build import SITE, build

DEFAULT_PORT = 8000


def serve(site: Path, port: int) -> None:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)   # busy: any free port
    print(f"serving the site at http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m helpers.site", description=__doc__)
    p.add_argument("--output", type=Path, default=None, help="output folder (default: output/ in the project)")
    p.add_argument("--serve", action="store_true", help="after building, serve the site on 127.0.0.1")
    p.add_argument("--port", type=int, default=DEFAULT_PORT,
                   help="port for --serve (default %(default)s; a free one if it is busy)")
    args = p.parse_args(argv)
    output = Path(args.output or paths.project_root() / "output").resolve()
    if not (output / "manifest.json").is_file():
        print(f"nothing to build: {output / 'manifest.json'} does not exist (run `make render` first)",
              file=sys.stderr)
        return 2
    try:
        site_url = plan.site_url()
        if not site_url:
            print(NO_SITE_URL, file=sys.stderr)
        site = build(output, freshness.stale_after_days(), site_url=site_url)
    except DeskError as err:
        print(err, file=sys.stderr)
        return 2
    print(f"site written: {site / 'index.html'}", flush=True)
    if args.serve:
        serve(output / SITE, args.port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
