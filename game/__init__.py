"""Good Offices: a training simulation for third-party envoys."""

__version__ = "0.1.0"
