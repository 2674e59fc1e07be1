import sys

from helpers.render.cli import main

sys.exit(main())
