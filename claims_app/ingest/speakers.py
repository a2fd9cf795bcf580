"""Speakers for a stream of articles: each name as written is resolved once per ingest run.

The first time a name is met, ``speakers.services.find_speaker`` decides (one indexed look-up,
the same matching as everywhere else); after that the answer comes from memory. Speakers
created for an article become visible to later articles only when that article commits, so a
rolled-back article leaves no id behind in the cache.
"""
from __future__ import annotations

from sqlalchemy.orm import Session

from ..extraction.names import guess_speaker_kind
from ..extraction.speakers import strip_title
from ..speakers.models import Speaker
from ..speakers.services import add_alias, find_speaker


class SpeakerCache:
    def __init__(self):
        self.ids: dict[str, int] = {}       # name as written -> live speaker id
        self.names: dict[int, str] = {}     # speaker id -> canonical name
        self._pending: dict[str, Speaker] = {}

    def resolve(self, session: Session, written: str) -> Speaker | int:
        """The speaker id for ``written`` when known, else a Speaker object added to ``session``
        (it gets its id at the article's single flush)."""
        known = self.ids.get(written)
        if known is not None:
            return known
        pending = self._pending.get(written)
        if pending is not None:
            return pending
        plain = strip_title(written).strip() or written.strip()
        with session.no_autoflush:
            speaker = find_speaker(session, plain)
            if speaker is None:
                speaker = next((s for s in self._pending.values() if s.name == plain), None)
            if speaker is None:
                speaker = Speaker(name=plain, kind=guess_speaker_kind(plain))
                session.add(speaker)
            add_alias(session, speaker, plain)
        if speaker.id is not None and speaker not in session.new:
            self.ids[written] = speaker.id
            self.names[speaker.id] = speaker.name
            return speaker.id
        self._pending[written] = speaker
        return speaker

    def name_of(self, speaker: Speaker | int | None) -> str | None:
        if speaker is None:
            return None
        if isinstance(speaker, Speaker):
            return speaker.name
        return self.names.get(speaker)

    def committed(self) -> None:
        """The article's transaction committed: its new speakers are now real."""
        for written, speaker in self._pending.items():
            self.ids[written] = speaker.id
            self.names[speaker.id] = speaker.name
        self._pending.clear()

    def rolled_back(self) -> None:
        self._pending.clear()

