from .bundle import BundleSignal, SignalBundlePage
from .signal import (
    Frequency,
    Recognition,
    Signal,
    SignalAttachment,
    SignalEvent,
    SignalState,
)

__all__ = [
    "BundleSignal",
    "Frequency",
    "Recognition",
    "Signal",
    "SignalAttachment",
    "SignalBundlePage",
    "SignalEvent",
    "SignalState",
]
