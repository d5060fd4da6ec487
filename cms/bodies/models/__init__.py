from .advice import (
    Advice,
    AdviceEvent,
    AdviceKind,
    AdviceState,
    AnswerStatusUpdate,
    Recommendation,
    RecommendationAnswer,
)
from .body import Body, BodyKind, BodyMember, MemberRole
from .meeting import AgendaItem, Attendance, AttendanceStatus, Meeting, MinutesState

__all__ = [
    "Advice",
    "AdviceEvent",
    "AdviceKind",
    "AdviceState",
    "AgendaItem",
    "AnswerStatusUpdate",
    "Attendance",
    "AttendanceStatus",
    "Body",
    "BodyKind",
    "BodyMember",
    "Meeting",
    "MemberRole",
    "MinutesState",
    "Recommendation",
    "RecommendationAnswer",
]
