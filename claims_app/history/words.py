"""History in words: "editor changed the value from 6,000 to 60,000", names instead of ids.

``describe`` is pure: it turns one history entry into sentences, given the names of the people
and speakers it mentions (``names_for`` reads those in two queries for a whole page).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session

# Fields not worth a sentence: derived, or said by the action itself.
QUIET = {"reviewed_at", "decided_at", "created_at", "version", "search_text", "reviewed_by_id", "prefix", "suffix",
         "confirmed_at", "confirmed_by_id", "updated_at"}
LABELS = {"value": "the value", "low": "the lower bound", "high": "the upper bound", "qualifier": "the qualifier",
          "numeric_kind": "the kind of figure", "unit": "the unit", "period_start": "the period's start",
          "period_end": "the period's end", "metric": "what is measured", "speaker_id": "the speaker",
          "attributed_to_id": "the source", "status": "the status", "verdict": "the verdict",
          "verdict_note": "the verdict note", "evidence_urls": "the evidence", "name": "the name",
          "description": "the description", "relation": "the relation", "note": "the note"}
PEOPLE = {"reviewed_by_id", "created_by_id", "decided_by_id", "confirmed_by_id"}
SPEAKERS = {"speaker_id", "attributed_to_id"}
NUMBERS = {"value", "low", "high"}
RELATION_WORDS = {"same_claim": "same figure", "same_quote": "same quote", "translation_of": "translation",
                  "contradicts": "conflicting figures", "updates": "update", "supports": "support"}
ACTION_WORDS = {"accept": "accepted it", "reject": "rejected it", "create": "created it", "delete": "deleted it",
                "merge": "merged it", "unmerge": "undid the merge"}


@dataclass
class Names:
    users: dict[int, str] = field(default_factory=dict)
    speakers: dict[int, str] = field(default_factory=dict)


def _number(value) -> str:
    try:
        d = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    if not d.is_finite():
        return str(value)
    text = f"{d:,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _show(key: str, value, names: Names) -> str:
    if value is None or value == "" or value == []:
        return "nothing"
    if key in SPEAKERS:
        return names.speakers.get(value, f"speaker {value}")
    if key in PEOPLE:
        return names.users.get(value, f"user {value}")
    if key in NUMBERS:
        return _number(value)
    if key in ("qualifier", "status", "verdict", "numeric_kind", "relation"):
        return RELATION_WORDS.get(value, str(value).replace("_", " "))
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return f"“{value}”"


def _field_sentence(key: str, old, new, names: Names) -> str:
    label = LABELS.get(key, key.replace("_", " "))
    if old is None or old == "" or old == []:
        return f"set {label} to {_show(key, new, names)}"
    if new is None or new == "" or new == []:
        return f"cleared {label} (was {_show(key, old, names)})"
    return f"changed {label} from {_show(key, old, names)} to {_show(key, new, names)}"


def _link_sentence(entry, claim_id: int | None) -> str:
    data = entry.after or entry.before or {}
    other = data.get("target_id") if data.get("source_id") == claim_id else data.get("source_id")
    relation = RELATION_WORDS.get(data.get("relation"), str(data.get("relation", "")).replace("_", " "))
    verb = {"link": "linked it to", "unlink": "removed the link to", "confirm": "confirmed the link to",
            "dismiss": "dismissed the suggested link to", "create": "suggested a link to"}.get(entry.action)
    if verb is None:
        return f"{entry.action} of the link to claim {other} ({relation})"
    return f"{verb} claim {other} ({relation})"


def describe(entry, names: Names, *, claim_id: int | None = None) -> list[str]:
    """Sentences (without the actor) saying what one history entry did."""
    before, after = entry.before or {}, entry.after or {}
    if entry.entity_type == "link":
        return [_link_sentence(entry, claim_id)]
    if entry.action in ("tag", "untag"):
        data = after if entry.action == "tag" else before
        return [f"{'tagged it' if entry.action == 'tag' else 'removed the tag'} “{data.get('tag', '?')}”"]
    if entry.action == "revert":
        changed = [_field_sentence(k, before.get(k), after.get(k), names)
                   for k in dict.fromkeys([*before, *after]) if k not in QUIET and before.get(k) != after.get(k)]
        return ["reverted a change" + (": " + "; ".join(changed) if changed else "")]
    if entry.action == "verify":
        verdict = _show("verdict", after.get("verdict"), names)
        return [f"gave the verdict {verdict}"]
    if entry.action == "create":
        origin = after.get("origin") or ""
        return ["created it" if origin.startswith("editor") or not origin else "suggested it (extractor)"]
    sentences = [ACTION_WORDS[entry.action]] if entry.action in ACTION_WORDS else []
    for key in dict.fromkeys([*before, *after]):
        if key in QUIET or before.get(key) == after.get(key):
            continue
        if key == "status" and entry.action in ("accept", "reject"):
            continue
        sentences.append(_field_sentence(key, before.get(key), after.get(key), names))
    return sentences or [f"{entry.action.replace('_', ' ')} (no visible change)"]


def names_for(session: Session, entries) -> Names:
    """The user and speaker names a page of history entries mentions, in two queries."""
    from ..accounts.models import User
    from ..speakers.models import Speaker

    users, speakers = set(), set()
    for e in entries:
        if e.actor_id:
            users.add(e.actor_id)
        for data in (e.before or {}, e.after or {}):
            users.update(v for k, v in data.items() if k in PEOPLE and isinstance(v, int))
            speakers.update(v for k, v in data.items() if k in SPEAKERS and isinstance(v, int))
    names = Names()
    if users:
        names.users = dict(session.execute(select(User.id, User.username).where(User.id.in_(users))).all())
    if speakers:
        names.speakers = dict(session.execute(select(Speaker.id, Speaker.name).where(Speaker.id.in_(speakers))).all())
    return names
