"""`python -m tui.cli ARGS`: the same as `newstui ARGS`."""

import sys

from .entry import main

sys.exit(main())
