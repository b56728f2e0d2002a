"""Put this folder's helper modules (the misbehaving local server) on the import path."""

from __future__ import annotations

import sys
from pathlib import Path

# pytest's importlib mode does not put this folder on the path
if str(Path(__file__).parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).parent))
