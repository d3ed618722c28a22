"""Rights-risk checklist engine: checks agreements that move detained people between states
against machine-readable encodings of human-rights frameworks."""

__version__ = "0.1.0"
