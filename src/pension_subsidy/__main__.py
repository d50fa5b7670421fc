"""``python -m pension_subsidy``: the command line."""

import sys

from pension_subsidy.cli import main

sys.exit(main())
