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
from .reminder import AdviceReminder, ReminderTerm
from .report import BodyYearReportPage

__all__ = [
    "Advice",
    "AdviceEvent",
    "AdviceKind",
    "AdviceReminder",
    "AdviceState",
    "AgendaItem",
    "AnswerStatusUpdate",
    "Attendance",
    "AttendanceStatus",
    "Body",
    "BodyKind",
    "BodyMember",
    "BodyYearReportPage",
    "Meeting",
    "MemberRole",
    "MinutesState",
    "Recommendation",
    "RecommendationAnswer",
    "ReminderTerm",
]
