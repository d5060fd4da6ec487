from .invitations import Invitation
from .organisations import Membership, Organisation, Sector
from .users import User

__all__ = ["Invitation", "Membership", "Organisation", "Sector", "User"]
