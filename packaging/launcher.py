"""The frozen app's entry point: the same ``leersessie`` command as the pip install."""

import sys

from leersessie_ui.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
