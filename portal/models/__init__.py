from .organisations import Membership, Organisation, Sector
from .users import User

__all__ = ["Membership", "Organisation", "Sector", "User"]
