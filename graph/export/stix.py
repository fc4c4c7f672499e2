"""A STIX 2.1 bundle of who attributed which attack to whom, and who disputed it."""

from __future__ import annotations

import uuid
from datetime import datetime, timezone

import networkx as nx

from .style import caption

_NS = uuid.UUID("6f1d8d1e-54a6-4f39-9a0e-7b1d2c3e4f50")
CONFIDENCE = {"certain": 85, "probable": 60, "possible": 30}
_IDENTITY_CLASS = {"person": "individual", "collective": "group", "state": "organization",
                   "government_body": "organization", "organisation": "organization", "media_outlet": "organization"}
_SECTORS = {"state": ["government-national"], "government_body": ["government-national"],
            "media_outlet": ["communications"]}


def _sid(kind: str, *parts: str) -> str:
    # Name-based, so re-exports give the same ids, but in UUIDv4 form, which STIX asks of SDOs/SROs.
    return f"{kind}--{uuid.UUID(bytes=uuid.uuid5(_NS, '|'.join(parts)).bytes, version=4)}"


def _timestamp(day: str | None):
    if day:
        try:
            return datetime.fromisoformat(str(day)[:10]).replace(tzinfo=timezone.utc)
        except ValueError:
            pass
    return None


def _is_armed(g, node) -> bool:
    return g.nodes[node].get("kind") == "armed_group"


def to_stix(g: nx.MultiDiGraph):
    """A STIX 2.1 bundle of who attributed which attack to whom, and who disputed it.

    Actors become identities (person: individual, collective: group, others:
    organization); armed groups become threat-actors, or intrusion-sets when
    they are PART_OF another armed group (with an ``attributed-to``
    relationship to it). Every claimant also gets an identity, since only an
    identity can author STIX objects. Attacks become incidents, articles
    reports. Each ATTRIBUTED_BY statement is an ``attributed-to``
    relationship (incident -> accused) authored by the claimant, with
    ``confidence`` from the certainty and the article and quote as external
    references; each DISPUTED_BY statement is an ``opinion``
    (``strongly-disagree``) of the disputer on the relationships asserting
    that claim. A claim that is disputed but asserted by nobody in the graph
    still gets its relationship, without author or confidence.
    Ids are UUIDv5 of claimgraph's ids, so re-exports give the same ids.
    """
    import stix2

    created = datetime.now(timezone.utc).replace(microsecond=0)
    objects: dict[str, object] = {}
    node = g.nodes

    def identity(actor: str):
        sid = _sid("identity", actor)
        if sid not in objects:
            d = node[actor]
            kind = d.get("kind")
            extra = {"sectors": _SECTORS[kind]} if kind in _SECTORS else {}
            objects[sid] = stix2.Identity(
                id=sid, created=created, modified=created, name=caption(d),
                identity_class=_IDENTITY_CLASS.get(kind, "unknown"), **extra,
                description=f"claimgraph {actor} (kind: {kind or 'unknown'})")
        return sid

    def accused(actor: str):
        if not _is_armed(g, actor):
            return identity(actor)
        d = node[actor]
        parents = [e for _, e, t in g.out_edges(actor, data="type") if t == "PART_OF" and _is_armed(g, e)]
        cls = stix2.IntrusionSet if parents else stix2.ThreatActor
        sid = _sid("intrusion-set" if parents else "threat-actor", actor)
        if sid not in objects:
            aliases = {"aliases": list(d["aliases"])} if d.get("aliases") else {}
            objects[sid] = cls(id=sid, created=created, modified=created, name=caption(d), **aliases,
                               description=f"claimgraph {actor} (kind: armed_group)")
            for parent in parents:
                rid = _sid("relationship", "part_of", actor, parent)
                objects[rid] = stix2.Relationship(
                    id=rid, created=created, modified=created, relationship_type="attributed-to",
                    source_ref=sid, target_ref=accused(parent), description="PART_OF (claimgraph gazetteer)")
        return sid

    def incident(attack: str):
        sid = _sid("incident", attack)
        if sid not in objects:
            d = node[attack]
            what = ", ".join(f"{k}: {d[k]}" for k in ("kind", "date", "place") if d.get(k))
            objects[sid] = stix2.Incident(id=sid, created=created, modified=created, name=caption(d),
                                          description=f"claimgraph {attack}" + (f" ({what})" if what else ""))
        return sid

    def references(data: dict) -> list[dict]:
        art = data.get("article")
        a = node[art] if art in g else {}
        ref = {"source_name": "claimgraph-article", "external_id": art or "unknown"}
        if a.get("url"):
            ref["url"] = a["url"]
        if data.get("quote"):
            ref["description"] = data["quote"]
        return [ref]

    by_article: dict[str, set[str]] = {}
    claims = [n for n, d in g.nodes(data=True) if "Claim" in d.get("labels", ())]
    for claim in sorted(claims):
        out = [(e, k, d) for _, e, k, d in g.out_edges(claim, keys=True, data=True)]
        attacks = [e for e, _, d in out if d.get("type") == "ABOUT"]
        blamed = [e for e, _, d in out if d.get("type") == "BLAMES"]
        if not attacks or not blamed:
            continue
        inc, target = incident(attacks[0]), accused(blamed[0])
        text = node[claim].get("text") or claim
        asserted = []
        for end, key, d in sorted((x for x in out if x[2].get("type") == "ATTRIBUTED_BY"), key=lambda x: x[1]):
            rid = _sid("relationship", claim, end, key)
            extra = {"confidence": CONFIDENCE[d["certainty"]]} if d.get("certainty") in CONFIDENCE else {}
            objects[rid] = stix2.Relationship(
                id=rid, created=created, modified=created, relationship_type="attributed-to",
                source_ref=inc, target_ref=target, created_by_ref=identity(end), **extra,
                description=f"{caption(node[end])} {d.get('cue') or 'asserts'}: {text}. “{d.get('quote', '')}”",
                external_references=references(d))
            asserted.append(rid)
            by_article.setdefault(d.get("article"), set()).update({rid, inc, target, identity(end)})
        disputes = sorted((x for x in out if x[2].get("type") == "DISPUTED_BY"), key=lambda x: x[1])
        if disputes and not asserted:
            rid = _sid("relationship", claim)
            objects[rid] = stix2.Relationship(
                id=rid, created=created, modified=created, relationship_type="attributed-to",
                source_ref=inc, target_ref=target,
                description=f"{text} (disputed; no asserting statement in this graph)")
            asserted.append(rid)
        for end, key, d in disputes:
            oid = _sid("opinion", claim, end, key)
            objects[oid] = stix2.Opinion(
                id=oid, created=created, modified=created, opinion="strongly-disagree",
                object_refs=asserted, created_by_ref=identity(end), authors=[caption(node[end])],
                explanation=f"{caption(node[end])} {d.get('cue') or 'disputes'}: “{d.get('quote', '')}”",
                external_references=references(d))
            by_article.setdefault(d.get("article"), set()).update({oid, *asserted, inc, target, identity(end)})
    for art, refs in sorted(by_article.items(), key=lambda x: str(x[0])):
        a = node[art] if art in g else {}
        published = _timestamp(a.get("published")) or created
        outlets = [e for _, e, t in g.out_edges(art, data="type") if t == "PUBLISHED_BY"] if art in g else []
        extra = {"created_by_ref": identity(outlets[0])} if outlets else {}
        ref = {"source_name": "claimgraph-article", "external_id": art or "unknown"}
        if a.get("url"):
            ref["url"] = a["url"]
        rid = _sid("report", str(art))
        objects[rid] = stix2.Report(
            id=rid, created=created, modified=created, name=a.get("title") or str(art), published=published,
            report_types=["threat-report"], object_refs=sorted(refs), external_references=[ref], **extra)
    return stix2.Bundle(objects=list(objects.values()), id=_sid("bundle", *sorted(objects)))
