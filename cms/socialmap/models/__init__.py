"""The social map's models, aligned with Open Referral HSDS 3.0."""

from cms.socialmap.models.directory import (
    Accessibility,
    AccessibilityFeature,
    Location,
    LocationType,
    Organization,
)
from cms.socialmap.models.proposals import (
    ProposalKind,
    ProposalState,
    ReportTopic,
    ServiceProposal,
)
from cms.socialmap.models.saved import SavedService
from cms.socialmap.models.services import (
    Contact,
    CostOption,
    Language,
    Phone,
    PhoneType,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceStatus,
)

__all__ = [
    "Accessibility",
    "AccessibilityFeature",
    "Contact",
    "CostOption",
    "Language",
    "Location",
    "LocationType",
    "Organization",
    "Phone",
    "PhoneType",
    "ProposalKind",
    "ProposalState",
    "ReportTopic",
    "SavedService",
    "Schedule",
    "Service",
    "ServiceAtLocation",
    "ServiceProposal",
    "ServiceStatus",
]
