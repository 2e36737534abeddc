"""`python -m tui.cli ARGS`: the same as `newstui ARGS`."""

import sys

from . import main

sys.exit(main())
