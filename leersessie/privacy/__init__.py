"""Keeping client data out and deleting for real: the client-data check, pseudonyms, deletion."""
