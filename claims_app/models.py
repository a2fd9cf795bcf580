"""Imports every model so that the metadata is complete (Alembic and the mappers rely on it)."""
from .accounts.models import LoginAttempt, LoginThrottle, User
from .articles.models import Article, Outlet
from .claims.models import Claim, Tag, claim_tags
from .db import Base
from .history.models import HistoryEntry
from .links.models import ClaimLink
from .speakers.models import Speaker, SpeakerAlias

__all__ = ["Article", "Base", "Claim", "ClaimLink", "HistoryEntry", "LoginAttempt", "LoginThrottle", "Outlet",
           "Speaker", "SpeakerAlias", "Tag", "User", "claim_tags"]
