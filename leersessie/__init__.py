"""Leersessie core: storage, templates, sessions, actions, reports. Imports no Qt."""

__version__ = "0.1.0"
APP_NAME = "Leersessie"
