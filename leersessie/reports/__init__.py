"""What leaves the app as a file: summaries, handouts, team reports (PDF, Word, Markdown, ics)."""
