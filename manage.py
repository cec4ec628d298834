#!/usr/bin/env python
"""Django's command-line utility; `yifa` (yifa/__main__.py) is the same thing installed on the PATH."""

from yifa.__main__ import main

if __name__ == "__main__":
    main()
