from .bundle import BundleSignal, SignalBundlePage
from .signal import (
    STATE_DESCRIPTIONS,
    Frequency,
    Recognition,
    Signal,
    SignalAttachment,
    SignalEvent,
    SignalState,
)

__all__ = [
    "STATE_DESCRIPTIONS",
    "BundleSignal",
    "Frequency",
    "Recognition",
    "Signal",
    "SignalAttachment",
    "SignalBundlePage",
    "SignalEvent",
    "SignalState",
]
