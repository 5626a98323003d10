"""Run-time hook of the frozen app, instead of PyInstaller's own for PySide6.

PyInstaller's hook imports QtCore at every start, to write a qt.conf that the PyPI wheels
of PySide6 make themselves when imported: 0.1 s on every command-line call that needs no
Qt. This one only points Qt at the bundled plug-ins; Qt is imported when it is used.
"""

import os
import sys

_qt = os.path.join(sys._MEIPASS, "PySide6")  # set by the bootloader
if sys.platform != "win32":
    _qt = os.path.join(_qt, "Qt")
os.environ["QT_PLUGIN_PATH"] = os.path.join(_qt, "plugins")
