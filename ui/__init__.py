"""Leersessie's Qt application, installed as ``leersessie_ui``.

Views hold layout; controllers react to the user and call the core (``leersessie``).
Importing this package does not import Qt, so the command line stays fast.
"""
