"""AltText: offline, private alt text for any image."""

__version__ = "0.1.0"
APP_NAME = "AltText"
