"""Speaker names for the editors' autocomplete: live speakers whose name or any alias matches."""
from __future__ import annotations

from sqlalchemy import case, select
from sqlalchemy.orm import Session

from ..extraction.speakers import normalize_name
from .models import Speaker, SpeakerAlias


def speaker_suggestions(session: Session, text: str, *, limit: int = 8) -> list[dict]:
    """``[{"name", "alias", "id"}]``: names starting with ``text`` first, then names containing it.

    Matching uses the aliases' normalised key, so every script and spelling an editor or the
    extractor recorded finds its speaker; a merged speaker answers with the speaker it went into.
    """
    key = normalize_name(text or "")[:100]
    if not key:
        return []
    starts = SpeakerAlias.normalized.startswith(key, autoescape=True)
    rows = session.execute(
        select(Speaker.id, Speaker.name, SpeakerAlias.name, Speaker.merged_into_id)
        .join(SpeakerAlias, SpeakerAlias.speaker_id == Speaker.id)
        .where(SpeakerAlias.normalized.contains(key, autoescape=True))
        .order_by(case((starts, 0), else_=1), Speaker.name, Speaker.id)
        .limit(limit * 4)).all()
    merged = {r[3] for r in rows if r[3] is not None}
    live = dict(session.execute(select(Speaker.id, Speaker.name).where(Speaker.id.in_(merged))).all()) if merged else {}
    seen, out = set(), []
    for sid, name, alias, into in rows:
        if into is not None:
            sid, name = into, live.get(into, name)
        if sid in seen:
            continue
        seen.add(sid)
        out.append({"id": sid, "name": name, "alias": alias if alias != name else None})
        if len(out) == limit:
            break
    return out
