"""The bundled sample corpus: short fictional reports written for factionlens (see README.md here).

``make demo`` analyses it. The documents live in ``documents/`` so that the folder handed to the
readers holds nothing but documents (no ``__init__.py``, README or ``__pycache__``).
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def sample_dir() -> Path:
    """The folder of sample documents (a real directory: the package is installed unzipped)."""
    return Path(str(files(__package__).joinpath("documents")))


def sample_files() -> list[Path]:
    """The sample documents, sorted by name."""
    return sorted(p for p in sample_dir().iterdir() if p.is_file() and not p.name.startswith("."))
