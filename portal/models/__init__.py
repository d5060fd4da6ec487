from .invitations import Invitation
from .organisations import Membership, Organisation, OrganisationAlias, Sector
from .retention import RetentionRecord
from .users import User

__all__ = [
    "Invitation",
    "Membership",
    "Organisation",
    "OrganisationAlias",
    "RetentionRecord",
    "Sector",
    "User",
]
