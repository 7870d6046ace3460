"""The package version, in a module of its own so that any module (``persist`` writes it into
model files, ``cli`` prints it) can import it without importing the package ``__init__``."""

__version__ = "0.1.0"
