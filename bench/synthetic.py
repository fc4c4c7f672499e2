"""Synthetic extraction records (IR ``Extraction`` objects) at any scale, and synthetic article texts.

``extractions(n, seed)`` yields ``n`` articles' records shaped like what
``extract()`` gives on the shared corpus (measured on its 70 texts: about 26
actors, 2.1 mentions per actor, 3.4 attacks, 1.7 statements, 0.8 sources per
article, articles of about 2,700 characters, quotes of about 190):

- **actors** are drawn from claimgraph's own gazetteer (``loaders/data/actors_en.jsonl``,
  about 1,070 entries of seven kinds) with Zipf-like popularity (weight ``1/rank**1.1``
  over a seeded shuffle), so a few actors (states, big armed groups, leaders) are
  everywhere and most are rare, as in news. A few per article are unknown
  generic claimants ("officials", "police sources"), as the extractor reports them.
- **attacks** come from a pool that grows with the corpus (``max(50, n // 20)``
  attacks: a place, a kind, a date), popularity Zipf ``1/rank**1.2``: one
  attack dominates the coverage, like Crocus City Hall in March 2024.
- **statements** (mean 1.7, 0-6 per article): a claimant from the article's actors,
  the accused an armed group or state of the article (a self-claim one time in
  three, a denial one time in six, hedged one time in five), about one of the
  article's attacks, with a cue, a quote that really is a slice of the article's
  text and its offsets.
- **sources**: half of the articles have a publisher (a media outlet of the
  gazetteer); outlets the article mentions are cited.
- **text**: the statements' sentences among background sentences drawn from
  templates with many slots, so that unrelated articles share almost no word
  5-grams, as in real news; one article in twenty republishes a recent one
  under a wire prefix in another outlet (a near-duplicate: a COPY_OF edge).

Everything is deterministic for a seed and streamed (constant memory), so 100k
articles can be generated while being loaded. ``mixed_texts(texts, n, seed)``
builds new article texts from paragraphs of real ones, for extraction benchmarks
that need more (and distinct) articles than the corpus has.
"""

from __future__ import annotations

import bisect
import itertools
import json
import random
import string
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from typing import Iterator

from claimgraph.graph.model import (
    Actor, Article, Attack, Extraction, Mention, Statement, actor_id, article_id, attack_id,
)
from claimgraph.loaders.extract import sources_for

__all__ = ["extractions", "gazetteer", "mixed_texts"]

GENERIC_CLAIMANTS = ["officials", "police", "witnesses", "security sources", "the ministry", "analysts",
                     "a spokesman", "local media", "the army", "investigators"]
PLACES = ["Kabul", "Baghdad", "Mosul", "Moscow", "Paris", "Brussels", "Istanbul", "Ankara", "Lahore", "Peshawar",
          "Quetta", "Mogadishu", "Nairobi", "Lagos", "Maiduguri", "Kano", "Aden", "Sanaa", "Damascus", "Aleppo",
          "Beirut", "Gaza", "Jerusalem", "Tel Aviv", "Cairo", "Sinai", "Tripoli", "Benghazi", "Tunis", "Algiers",
          "Bamako", "Ouagadougou", "Niamey", "Khartoum", "Colombo", "Dhaka", "Mumbai", "Srinagar", "Manila",
          "Marawi", "Jakarta", "Bali", "London", "Manchester", "Madrid", "Barcelona", "Nice", "Berlin", "Oslo",
          "San Salvador", "Lima", "Bogota", "Medellin", "Managua", "Guatemala City", "Tegucigalpa"]
KINDS = [("bombing", "bombing"), ("shooting", "shooting"), ("attack", "attack"), ("suicide bombing", "bombing"),
         ("car bombing", "bombing"), ("massacre", "massacre"), ("hostage crisis", "hostage_taking"),
         ("assassination", "assassination"), ("rocket attack", "attack"), ("kidnapping", "kidnapping")]
TARGETS = ["market", "mosque", "church", "embassy", "hotel", "airport", "concert hall", "police station",
           "checkpoint", "bus station", "school", "stadium", "barracks", "pipeline", "power station"]
CUES = [("said", "asserts"), ("blamed", "asserts"), ("accused", "asserts"), ("claimed responsibility for", "asserts"),
        ("held responsible", "asserts"), ("attributed", "asserts"), ("denied", "denies"), ("rejected", "denies"),
        ("dismissed", "denies")]
CHANNELS = [None, None, None, "Telegram", "a statement", "state television", "a press conference", "X"]
# Background sentences: templates with several slots each, so that unrelated articles share
# almost no word 5-grams (on the shared corpus two articles' Jaccard similarity averages
# 0.0002, at most 0.02); a fixed set of stock sentences would make every pair of
# articles look 30% alike and turn near-duplicate detection quadratic.
FILLER = (
    "The death toll rose to {n} on {day}, {per} the {body}.",
    "{Who} {searched} the {site} {when} as {people} gathered {where}.",
    "The {gov} declared {n} days of {mourning} and {ordered} {measure}.",
    "{Forces} {sealed} the {area} and closed {roads} {when}.",
    "{Witness} described {sound} followed by {noise} lasting {n} minutes.",
    "{Hospitals} in the {area} {appealed} for {help} as {n} wounded arrived {when}.",
    "The {event} drew {condemnation} from {leaders} {where}.",
    "{Who} said they were examining {evidence} from the {site}.",
    "{Who} did not say how many {suspects} had been {detained} {when}.",
    "{Analysts} said the {group} had been {weakened} but {retained} the ability to strike {where}.",
)
SLOTS = {
    "day": ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
    "per": ["according to", "said", "figures from", "a statement by", "a tally by", "data released by"],
    "body": ["health ministry", "interior ministry", "regional governor", "civil defence", "Red Crescent",
             "emergency services", "city hall", "provincial council", "coroner's office", "UN mission"],
    "Who": ["Rescue workers", "Firefighters", "Volunteers", "Soldiers", "Police officers", "Investigators",
            "Forensic teams", "Local officials", "Residents", "Civil defence crews", "Medics", "Prosecutors"],
    "searched": ["searched", "combed", "cleared", "dug through", "sifted", "secured", "guarded", "examined"],
    "site": ["rubble", "wreckage", "scene", "debris", "ruins", "blast site", "burnt-out building", "car park",
             "crater", "lobby", "square", "street"],
    "when": ["through the night", "on Monday", "at dawn", "overnight", "for hours", "into the evening",
             "late on Friday", "early on Sunday", "by midday", "within minutes", "all weekend", "on Thursday"],
    "people": ["relatives", "crowds", "onlookers", "families", "neighbours", "journalists", "mourners",
               "students", "worshippers", "shopkeepers"],
    "where": ["outside", "nearby", "at the gates", "across the country", "in the capital", "around the world",
              "along the border", "in the region", "at the morgue", "downtown", "in the north", "abroad"],
    "gov": ["government", "cabinet", "president", "prime minister", "ruling council", "mayor", "governor",
            "parliament", "junta", "emir"],
    "mourning": ["national mourning", "mourning", "official mourning", "remembrance", "prayer"],
    "ordered": ["ordered", "announced", "decreed", "promised", "called for", "approved"],
    "measure": ["flags at half mast", "a curfew", "an inquiry", "extra patrols", "checkpoints on main roads",
                "the closure of schools", "compensation for victims", "a security review"],
    "Forces": ["Security forces", "Troops", "Riot police", "Special forces", "Gendarmes", "Border guards",
               "Militiamen", "Army units", "Paramilitaries", "Police commandos"],
    "sealed": ["sealed off", "cordoned off", "surrounded", "locked down", "patrolled", "evacuated"],
    "area": ["area", "district", "city centre", "old town", "market quarter", "neighbourhood", "province",
             "town", "suburb", "camp", "port", "valley"],
    "roads": ["roads into the city", "the main highway", "two bridges", "the airport road", "all exits",
              "the ring road", "side streets", "the border crossing"],
    "Witness": ["Witnesses", "A shopkeeper", "One survivor", "A taxi driver", "Neighbours", "A guard",
                "A teacher", "Passers-by", "A nurse", "A local reporter"],
    "sound": ["a loud explosion", "a huge blast", "two explosions", "a deafening bang", "screaming",
              "a flash of light", "shouting", "a series of blasts"],
    "noise": ["bursts of gunfire", "sirens", "sporadic shooting", "a second blast", "heavy gunfire",
              "panic", "silence", "automatic fire"],
    "Hospitals": ["Hospitals", "Clinics", "Field hospitals", "Doctors", "Blood banks", "Health workers"],
    "appealed": ["appealed", "called", "pleaded", "asked", "begged"],
    "help": ["blood donations", "medicines", "more staff", "ambulances", "calm", "space", "generators"],
    "event": ["attack", "bombing", "assault", "killing", "raid", "massacre", "shooting", "explosion"],
    "condemnation": ["condemnation", "outrage", "sympathy", "protests", "calls for restraint", "anger"],
    "leaders": ["world leaders", "neighbouring states", "the UN", "rights groups", "religious leaders",
                "the EU", "the African Union", "the Arab League", "opposition parties", "the Pope"],
    "evidence": ["video footage", "phone records", "CCTV images", "fragments", "witness accounts",
                 "a suspect's phone", "bank transfers", "social media posts", "DNA samples", "a getaway car"],
    "suspects": ["suspects", "people", "gunmen", "accomplices", "foreigners", "members of the cell"],
    "detained": ["detained", "arrested", "questioned", "held", "charged", "picked up"],
    "Analysts": ["Analysts", "Experts", "Diplomats", "Former officials", "Researchers", "Security sources"],
    "group": ["group", "network", "movement", "militia", "cell", "faction", "insurgency", "organisation"],
    "weakened": ["weakened", "driven underground", "split", "pushed back", "decimated", "starved of funds"],
    "retained": ["retained", "kept", "rebuilt", "demonstrated", "never lost", "regained"],
}
MENTIONED = ("{0} has been linked to the {1} {2}.", "Questions about {0} followed the {1} {3}.",
             "{0} commented on the {1} {2}.", "The {1} put {0} in the spotlight {3}.",
             "{0}, {3}, {2} raised the {1}.", "Reports tied {0} to the {1} {2}.")
COPY_SHARE = 0.05  # articles that republish an earlier one (wire copy): COPY_OF edges at any scale
WIRE_PREFIXES = ["(Reuters) - ", "(AFP) - ", "UPDATE 1-", "(AP) ", "BREAKING: ", "Wire report: "]


_FIELDS = [[f for _, f, _, _ in string.Formatter().parse(t) if f and f != "n"] for t in FILLER]


def _filler(rng: random.Random) -> str:
    i = rng.randrange(len(FILLER))
    return FILLER[i].format(n=rng.randint(2, 140), **{k: rng.choice(SLOTS[k]) for k in _FIELDS[i]})


_aid = lru_cache(maxsize=None)(actor_id)
_tid = lru_cache(maxsize=None)(attack_id)


@lru_cache(maxsize=1)
def gazetteer() -> list[dict]:
    """The packaged gazetteer entries (name, kind, aliases, part_of)."""
    text = resources.files("claimgraph.loaders").joinpath("data/actors_en.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


class _Zipf:
    """Draws items with weight 1/rank**s over a seeded shuffle of ``items``."""

    def __init__(self, items: list, s: float, rng: random.Random):
        self.items = list(items)
        rng.shuffle(self.items)
        self.cum = list(itertools.accumulate(1 / (r + 1) ** s for r in range(len(self.items))))
        self.rng = rng

    def draw(self):
        return self.items[bisect.bisect(self.cum, self.rng.random() * self.cum[-1])]


def _attack_pool(size: int, rng: random.Random) -> list[dict]:
    pool, seen = [], set()
    while len(pool) < size:
        place, (word, kind), target = rng.choice(PLACES), rng.choice(KINDS), rng.choice(TARGETS)
        year, month, day = rng.randint(1985, 2025), rng.randint(1, 12), rng.randint(1, 28)
        name = f"{place} {target} {word}"
        if name in seen:
            name = f"{name} of {year}"
            if name in seen:
                continue
        seen.add(name)
        pool.append({"name": name, "kind": kind, "place": place, "date": f"{year}-{month:02d}-{day:02d}"
                     if rng.random() < 0.6 else None})
    return pool


def _count(rng: random.Random, mean: float, low: int, high: int) -> int:
    """A small count with the given mean (geometric-ish, clipped)."""
    return max(low, min(high, int(rng.expovariate(1 / mean) + 0.5)))


def extractions(n: int, seed: int = 0) -> Iterator[Extraction]:
    """``n`` articles' synthetic extraction records, streamed, deterministic for ``seed``."""
    rng = random.Random(seed)
    entries = gazetteer()
    # Outlets are drawn apart (cited by about a third of the articles, as in the corpus).
    actors = _Zipf([e for e in entries if e["kind"] != "media_outlet"], 1.1, rng)
    outlets = _Zipf([e for e in entries if e["kind"] == "media_outlet"], 1.0, rng)
    attacks = _Zipf(_attack_pool(max(50, n // 20), rng), 1.2, rng)
    recent: list[Extraction] = []
    for i in range(n):
        if recent and rng.random() < COPY_SHARE:
            ex = _republished(rng.choice(recent), i, rng, outlets)
        else:
            ex = _article(i, rng, actors, outlets, attacks)
            recent = (recent + [ex])[-200:]  # wire copies follow their original closely
        yield ex


def _republished(ex: Extraction, i: int, rng: random.Random, outlets: _Zipf) -> Extraction:
    """The same story under a wire prefix in another outlet: every offset moves by the prefix."""
    prefix = rng.choice(WIRE_PREFIXES)
    text, shift = prefix + ex.article.text, len(prefix)

    def moved(mentions: list[Mention]) -> list[Mention]:
        return [replace(m, start=m.start + shift, end=m.end + shift) for m in mentions]

    art = replace(ex.article, id=article_id(text), text=text, url=f"https://example.org/news/{i}",
                  outlet=outlets.draw()["name"])
    actors = [replace(a, mentions=moved(a.mentions)) for a in ex.actors]
    return Extraction(art, actors, [replace(t, mentions=moved(t.mentions)) for t in ex.attacks],
                      [replace(s, article=art.id, start=s.start + shift, end=s.end + shift) for s in ex.statements],
                      sources_for(art, actors))


def _article(i: int, rng: random.Random, actors: _Zipf, outlets: _Zipf, attacks: _Zipf) -> Extraction:
    # Who and what the article is about.
    chosen: dict[str, dict] = {}
    for _ in range(_count(rng, 22, 2, 60)):
        e = actors.draw()
        chosen[e["name"]] = e
    if rng.random() < 0.35:
        e = outlets.draw()
        chosen[e["name"]] = e
    for name in rng.sample(GENERIC_CLAIMANTS, _count(rng, 3, 0, 6)):
        chosen[name] = {"name": name, "kind": "collective"}
    its_attacks: dict[str, dict] = {}
    for _ in range(1 + _count(rng, 2.4, 0, 14)):
        a = attacks.draw()
        its_attacks[a["name"]] = a
    attack_list = list(its_attacks.values())
    actor_list = list(chosen.values())
    perpetrators = [e for e in actor_list if e["kind"] in ("armed_group", "state")] or actor_list

    # The text: statement sentences among filler, about 2,700 characters.
    sentences, quotes = [], []
    for _ in range(_count(rng, 1.7, 0, 6)):
        claimant = rng.choice(actor_list)
        accused = claimant if (rng.random() < 1 / 3 and claimant in perpetrators) else rng.choice(perpetrators)
        attack = rng.choice(attack_list)
        cue, polarity = rng.choice(CUES[-3:] if rng.random() < 1 / 6 else CUES[:-3])
        hedge = rng.random() < 0.2
        quote = (f"{claimant['name'].capitalize()} {cue} {'what it said was likely ' if hedge else ''}"
                 f"{accused['name']} {'for' if polarity == 'asserts' else 'any role in'} the {attack['name']}, "
                 f"{rng.choice(SLOTS['when'])}, {rng.choice(SLOTS['per'])} the {rng.choice(SLOTS['body'])}.")
        sentences.append(quote)
        quotes.append((claimant, accused, attack, cue, polarity, hedge, quote))
    for e in actor_list:
        sentences.append(rng.choice(MENTIONED).format(e["name"], rng.choice(attack_list)["name"],
                                                      rng.choice(SLOTS["when"]), rng.choice(SLOTS["where"])))
    target_len = int(rng.gauss(2700, 900))
    while sum(map(len, sentences)) < target_len:
        sentences.append(_filler(rng))
    rng.shuffle(sentences)
    text = f"Report {i}. " + " ".join(sentences)
    art = Article(article_id(text), text, url=f"https://example.org/news/{i}", title=f"Report {i}",
                  published=f"{rng.randint(1989, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                  outlet=outlets.draw()["name"] if rng.random() < 0.5 else None)

    def mentions(name: str) -> list[Mention]:
        out, start = [], text.find(name)
        for _ in range(_count(rng, 1.1, 0, 8) + 1):
            if start < 0:
                start = rng.randrange(max(1, len(text) - len(name)))
            out.append(Mention(name, start, start + len(name)))
            start = -1
        return out

    ex_actors = [Actor(_aid(e["name"]), e["name"], e["kind"], list(e.get("aliases", []))[:3],
                       [_aid(p) for p in e.get("part_of", [])], mentions(e["name"])) for e in actor_list]
    have = {a.id for a in ex_actors}
    for e in actor_list:  # parents must exist as actors of the record, as extract() ensures
        for p in e.get("part_of", []):
            if _aid(p) not in have:
                have.add(_aid(p))
                ex_actors.append(Actor(_aid(p), p, "state"))
    ex_attacks = [Attack(_tid(a["name"]), a["name"], a["kind"], a["date"], a["place"], [],
                         mentions(a["name"])) for a in attack_list]
    statements = []
    for claimant, accused, attack, cue, polarity, hedge, quote in quotes:
        start = text.find(quote)
        statements.append(Statement(_aid(claimant["name"]), _aid(accused["name"]), _tid(attack["name"]),
                                    polarity, cue, quote, start, start + len(quote), art.id, hedged=hedge,
                                    certainty="probable" if hedge else "certain", channel=rng.choice(CHANNELS)))
    return Extraction(art, ex_actors, ex_attacks, statements, sources_for(art, ex_actors))


def mixed_texts(texts: list[str], n: int, seed: int = 0) -> list[str]:
    """``n`` new article texts, each 3-8 paragraphs drawn from the given texts (distinct, realistic words)."""
    rng = random.Random(seed)
    paragraphs = [p.strip() for t in texts for p in t.split("\n\n") if len(p.strip()) > 40]
    if len(paragraphs) < 10:  # texts without blank lines: split on sentences instead
        paragraphs = [s.strip() + "." for t in texts for s in t.split(". ") if len(s.strip()) > 40]
    return ["\n\n".join(rng.choice(paragraphs) for _ in range(rng.randint(3, 8))) for _ in range(n)]
