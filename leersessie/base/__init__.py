"""What every layer uses: texts and translation, user-facing errors, dates, change kinds."""
