"""mypy plugin: Qt properties as keyword arguments of a PySide6 constructor.

PySide6 accepts any Qt property of a QObject as a keyword argument
(``QLabel(text, objectName="title")``), but its type stubs list only the
constructor's own parameters. This plugin lets the constructors of QObject
subclasses take further keyword arguments, and leaves everything else checked.
"""

from __future__ import annotations

from collections.abc import Callable

from mypy.nodes import ARG_STAR2, TypeInfo
from mypy.plugin import FunctionSigContext, Plugin
from mypy.types import AnyType, CallableType, FunctionLike, TypeOfAny

_QOBJECT = "PySide6.QtCore.QObject"


class QtPropertiesPlugin(Plugin):
    def get_function_signature_hook(
        self, fullname: str
    ) -> Callable[[FunctionSigContext], FunctionLike] | None:
        """``QLabel(...)``, and ``ChoiceBox(...)`` of a subclass that keeps Qt's __init__."""
        info = self._class(fullname)
        if info is None or not _init_is_qts(info):
            return None
        return lambda context: _with_keywords(context.default_signature)

    def _class(self, fullname: str) -> TypeInfo | None:
        symbol = self.lookup_fully_qualified(fullname)
        if symbol is None or not isinstance(symbol.node, TypeInfo):
            return None
        return symbol.node if symbol.node.has_base(_QOBJECT) else None


def _init_is_qts(info: TypeInfo) -> bool:
    """Whether the class's __init__ comes from PySide6 (our own one is checked as written)."""
    owner = next(base for base in info.mro if "__init__" in base.names)
    return owner.fullname.startswith("PySide6.")


def _with_keywords(signature: CallableType) -> CallableType:
    if ARG_STAR2 in signature.arg_kinds:
        return signature
    return signature.copy_modified(
        arg_types=[*signature.arg_types, AnyType(TypeOfAny.explicit)],
        arg_kinds=[*signature.arg_kinds, ARG_STAR2],
        arg_names=[*signature.arg_names, "properties"],
    )


def plugin(version: str) -> type[Plugin]:
    return QtPropertiesPlugin
