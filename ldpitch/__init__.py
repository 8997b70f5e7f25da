"""ldpitch: turn a learning-and-development initiative into a business case leadership says yes to."""

__version__ = "0.1.0"
