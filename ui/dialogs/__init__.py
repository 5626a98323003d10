"""Every dialog of the app: a session's records (team, session, action, finding, measure), the
team archive, privacy, the passphrase and the keyboard shortcuts."""
