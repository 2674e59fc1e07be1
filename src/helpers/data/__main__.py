"""`python -m helpers.data` (make validate): check every data file against its contract."""

import sys

from helpers.data import main

sys.exit(main())
