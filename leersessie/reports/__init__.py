"""PDF output: session summaries, handouts and team reports (reportlab, A4)."""
