"""Where the project's folders are, whichever folder a command is started from."""

from __future__ import annotations

import os
import re
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
FONT_DIR = PACKAGE_DIR / "fonts"

# Names that become folder names (editions, figures): no '/', '..' or absolute paths.
SAFE_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


def project_root() -> Path:
    """The folder holding data/datapackage.json.

    DESK_ROOT wins (the render runner sets it); else the nearest such folder at or
    above the working directory; else the checkout this package was installed from.
    """
    if os.environ.get("DESK_ROOT"):
        return Path(os.environ["DESK_ROOT"]).resolve()
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "data" / "datapackage.json").is_file():
            return folder
    return PACKAGE_DIR.parents[1]


def data_dir() -> Path:
    return project_root() / "data"


def notebooks_dir() -> Path:
    return project_root() / "notebooks"
