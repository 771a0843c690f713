import sys

from bluelamp.cli import main

sys.exit(main())
