"""The formats and what a session records: templates, teams, sessions, scores, questions."""
