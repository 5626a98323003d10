"""The fonts the PDFs embed (DejaVu Sans, and Symbola for symbols), with their licences."""
