"""The app's look: calm colours, large enough type for a projector, one stylesheet."""

from __future__ import annotations

ACCENT = "#1f5f7a"
WARNING = "#b3261e"
MUTED = "#5b6770"

STYLESHEET = f"""
QWidget {{ font-size: 11pt; }}
QLabel#stepTitle {{ font-size: 17pt; font-weight: 600; color: {ACCENT}; }}
QLabel#sessionTitle {{ font-size: 13pt; font-weight: 600; }}
QLabel#pageTitle {{ font-size: 16pt; font-weight: 600; color: {ACCENT}; }}
QLabel#stepPurpose {{ font-size: 12pt; }}
QLabel#muted, QLabel#saveState {{ color: {MUTED}; }}
QLabel#warning {{ color: {WARNING}; }}
QLabel#timebox {{ font-size: 16pt; font-family: monospace; padding: 2px 8px; }}
QLabel#timebox[over="true"] {{ color: {WARNING}; font-weight: 600; }}
QLabel#timebox[flash="true"] {{ background: #fde3e0; }}
QLabel#contentHeading {{ font-weight: 600; color: {ACCENT}; }}
QLabel#contentCaption {{ color: {MUTED}; }}
QLabel#groupScreenState[on="true"] {{ color: white; background: {ACCENT}; padding: 1px 8px;
    border-radius: 4px; font-weight: 600; }}
QLabel#sessionClock {{ padding-right: 12px; }}
QLabel#sessionClock[over="true"] {{ color: {WARNING}; font-weight: 600; }}
QFrame#guideBox {{ background: #f2f6f8; border: 1px solid #c9d3d9; border-radius: 6px; }}
QFrame#banner {{ background: #fff4e5; border: 1px solid #f0c36d; border-radius: 6px; }}
QListWidget#stepList::item {{ padding: 8px 6px; }}
QListWidget#stepList::item:selected {{ background: {ACCENT}; color: white; }}
QPushButton {{ padding: 5px 12px; }}
QProgressBar#openShare {{ border: 1px solid #c9d3d9; border-radius: 4px; background: #f2f6f8;
    text-align: center; color: {MUTED}; }}
QProgressBar#openShare::chunk {{ background: #a9c6d3; border-radius: 4px; }}
QPushButton#primary, QPushButton#finishSession, QPushButton#newSession {{
    background: {ACCENT}; color: white; border-radius: 4px; padding: 6px 14px; }}
QPushButton#primary:disabled, QPushButton#finishSession:disabled {{ background: #9fb6c1; }}
"""
