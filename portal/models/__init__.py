from .invitations import Invitation
from .organisations import Membership, Organisation, Sector
from .retention import RetentionRecord
from .users import User

__all__ = [
    "Invitation",
    "Membership",
    "Organisation",
    "RetentionRecord",
    "Sector",
    "User",
]
