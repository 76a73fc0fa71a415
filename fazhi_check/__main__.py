"""python -m fazhi_check"""

import sys

from .cli import main

sys.exit(main())
