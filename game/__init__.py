"""Good Offices: a training simulation for third-party envoys."""

__all__ = ["__version__"]

__version__ = "0.1.0"
