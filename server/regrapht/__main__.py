"""`python -m regrapht` runs the command line."""

import sys

from regrapht.cli import main

sys.exit(main())
