"""python -m fazhi_check"""

import sys

from .cli import command

sys.exit(command())
