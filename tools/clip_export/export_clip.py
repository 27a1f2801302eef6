#!/usr/bin/python3
"""Launcher: `python3 tools/clip_export/export_clip.py --help` works from any folder."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from clip_export.cli import main  # noqa: E402  (needs the path above)

if __name__ == "__main__":
    sys.exit(main())
