"""The data folder and its database: opening, schema, integrity, encryption, backups."""
