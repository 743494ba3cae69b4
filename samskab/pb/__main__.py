"""``python -m samskab.pb``: the same command line as ``samskab-pb``."""

import sys

from samskab.pb.cli import main

sys.exit(main())
