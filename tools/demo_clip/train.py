#!/usr/bin/python3
"""Trains the demo CLIP (docs/demo-clip.md). Usage: /usr/bin/python3 tools/demo_clip/train.py [--minutes 40] ..."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from demo_clip.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
