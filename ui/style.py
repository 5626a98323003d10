"""The app's look: calm colours, large enough type for a projector, one stylesheet.

Every size in the stylesheet is relative to the zoom level of the window that wears it
(``stylesheet(percent)``), so Ctrl++ scales titles, the timer and padding alike."""

from __future__ import annotations

ACCENT = "#1f5f7a"
WARNING = "#b3261e"
MUTED = "#5b6770"
FOCUS = "#e8a33d"  # warm orange: visible on white, on the accent blue and on grey boxes

_TEMPLATE = """
QWidget {{ font-size: {pt11}; }}
QLabel#stepTitle {{ font-size: {pt17}; font-weight: 600; color: {accent}; }}
QLabel#sessionTitle {{ font-size: {pt13}; font-weight: 600; }}
QLabel#pageTitle {{ font-size: {pt16}; font-weight: 600; color: {accent}; }}
QLabel#stepPurpose {{ font-size: {pt12}; }}
QLabel#muted, QLabel#saveState {{ color: {muted}; }}
QLabel#warning {{ color: {warning}; }}
QLabel#timebox {{ font-size: {pt16}; font-family: monospace; padding: {px2} {px8}; }}
QLabel#timebox[over="true"] {{ color: {warning}; font-weight: 600; }}
QLabel#timebox[flash="true"] {{ background: #fde3e0; }}
QLabel#contentHeading {{ font-weight: 600; color: {accent}; }}
QLabel#contentCaption {{ color: {muted}; }}
QLabel#groupScreenState[on="true"] {{ color: white; background: {accent}; padding: {px1} {px8};
    border-radius: {px4}; font-weight: 600; }}
QLabel#sessionClock {{ padding-right: {px12}; }}
QLabel#sessionClock[over="true"] {{ color: {warning}; font-weight: 600; }}
QFrame#guideBox {{ background: #f2f6f8; border: 1px solid #c9d3d9; border-radius: {px6}; }}
QFrame#banner {{ background: #fff4e5; border: 1px solid #f0c36d; border-radius: {px6}; }}
QListWidget#stepList {{ padding: 0 {px6}; background: palette(base); }}
QListWidget#stepList::item {{ padding: {px8} 0; border-style: solid; border-color: transparent;
    border-width: {px2} 0; }}  /* a frame beside the text would narrow what wraps: cut words */
QListWidget#stepList::item:selected {{ background: {accent}; color: white; }}
QPushButton {{ padding: {px5} {px12}; }}
QProgressBar#openShare {{ border: 1px solid #c9d3d9; border-radius: {px4}; background: #f2f6f8;
    text-align: center; color: {muted}; }}
QProgressBar#openShare::chunk {{ background: #a9c6d3; border-radius: {px4}; }}
QPushButton#primary, QPushButton#finishSession, QPushButton#newSession {{
    background: {accent}; color: white; border-radius: {px4}; padding: {px6} {px14}; }}
QPushButton#primary:disabled, QPushButton#finishSession:disabled {{ background: #9fb6c1; }}
QPushButton:focus, QToolButton:focus, QCheckBox:focus, QRadioButton:focus {{
    outline: none; border: {px2} solid {focus}; border-radius: {px4}; }}
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QComboBox:focus, QAbstractSpinBox:focus,
QListWidget:focus, QListView:focus, QTableView:focus, QTableWidget:focus {{
    border: {px2} solid {focus}; }}
QListWidget::item:focus, QTableView::item:focus {{ border: {px2} solid {focus}; }}
QListWidget#stepList::item:focus {{ border-style: solid; border-color: {focus};
    border-width: {px2} 0; }}
QAbstractItemView {{ selection-background-color: {accent}; selection-color: white; }}
QAbstractItemView::item:selected {{ background: {accent}; color: white; }}
"""


def stylesheet(percent: int = 100) -> str:
    """The stylesheet with every point and pixel size at ``percent`` of its normal size."""
    factor = percent / 100

    def points(size: int) -> str:
        return f"{size * factor:.1f}pt"

    def pixels(size: int) -> str:
        return f"{max(1, round(size * factor))}px"

    sizes = {f"pt{n}": points(n) for n in (11, 12, 13, 16, 17)}
    sizes |= {f"px{n}": pixels(n) for n in (1, 2, 4, 5, 6, 8, 12, 14)}
    return _TEMPLATE.format(accent=ACCENT, muted=MUTED, warning=WARNING, focus=FOCUS, **sizes)


STYLESHEET = stylesheet(100)
