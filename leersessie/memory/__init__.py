"""What a team keeps between sessions: actions, the look back, overview, search."""
