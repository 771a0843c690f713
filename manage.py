#!/usr/bin/env python
"""Django's command-line utility for Bluelamp (the same as `bluelamp manage ...`)."""

import sys

from bluelamp.cli.manage import run_django

if __name__ == "__main__":
    sys.exit(run_django(sys.argv))
