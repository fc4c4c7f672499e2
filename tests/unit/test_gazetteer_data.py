"""Validation of the actor gazetteers shipped in ``loaders/data``.

Every ``loaders/data/*.jsonl`` file that looks like a gazetteer (one JSON
object per line with ``name``/``kind``/``aliases``, or a file named
``actors_*.jsonl``) is checked for:

* one valid JSON object per line, written as ``json.dumps(obj, ensure_ascii=False)``;
* required keys, known optional keys and their types; ``kind`` in the allowed set;
* unique canonical names (plain ASCII; accented spellings go in ``aliases``);
* well-formed aliases: no pronouns or generic nouns ("the group", "militants"),
  no alias repeating the entry's own name;
* no surface form (name, alias or demonym, compared case-insensitively)
  belonging to two different actors;
* ``part_of`` / ``affiliation`` targets naming actors in the same file
  (persons get ``affiliation``, never ``part_of``; no ``part_of`` cycles);
* aliases that are common English words or strings in lower case, with or
  without a leading "the", listed in ``case_sensitive_aliases``, which must
  itself be a subset of ``aliases``;
  canonical names that are common words only from an explicit allow-list;
* ``demonyms`` only on states and collectives, ``domain`` only on media outlets;
* the file sorted by kind, then by case-folded name.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

DATA_DIR = Path(__file__).parents[2] / "loaders" / "data"

ALLOWED_KINDS = {
    "person",
    "state",
    "government_body",
    "organisation",
    "armed_group",
    "media_outlet",
    "collective",  # groups of states or people named as one: "Western governments"
}
REQUIRED_KEYS = {"name", "kind", "aliases"}
OPTIONAL_LIST_KEYS = {"part_of", "affiliation", "demonyms", "case_sensitive_aliases"}
OPTIONAL_KEYS = OPTIONAL_LIST_KEYS | {"domain"}

# Canonical names that are also lower-case English words. A name is not an
# alias, so it cannot be listed in ``case_sensitive_aliases``; matchers should
# treat these capitalised. Other actors get a disambiguated name instead
# ("The Guardian (UK)", "Dawn (Pakistan)") with the bare form as a
# case-sensitive alias. Adding a name here is a deliberate decision.
COMMON_WORD_NAMES = {"Chad", "China", "Guinea", "Turkey"}

# Pronouns and generic nouns that must never be an alias of a specific actor
# (compared case-insensitively; an upper-case acronym listed as case-sensitive,
# such as "US" or "WHO", is not the pronoun).
_GENERIC_NOUNS = """
    group groups organisation organization movement militants militant rebels
    rebel guerrillas guerrilla insurgents insurgent terrorists terrorist
    jihadists jihadist separatists separatist extremists extremist gunmen
    gunman attackers attacker fighters fighter militia militias army military
    police government regime authorities administration state country nation
    president minister ministry spokesman spokeswoman spokesperson leader
    leadership officials official agency service forces troops soldiers cartel
    gang network front coalition alliance party cell brigade battalion
    commander command junta opposition
""".split() + [
    "prime minister", "security forces", "death squad", "death squads",
    "armed forces", "security services", "intelligence services",
]
GENERIC_ALIASES = {
    f"{article}{noun}" for article in ("", "the ", "a ", "an ") for noun in _GENERIC_NOUNS
} | {
    "he", "she", "it", "they", "them", "him", "her", "his", "its", "their",
    "we", "us", "our", "you", "i", "me", "this", "that", "these", "those",
    "who", "which",
}

# Common English words and strings (lower case). An alias equal to one of
# these, ignoring case and a leading "the", must be listed in
# ``case_sensitive_aliases`` ("US", "IS", "ETA", "AP", "WHO", "Guardian", ...).
# Acronyms that are not words ("UN", "EU", "UK", "FBI") stay case-insensitive so
# that they still match in ALL-CAPS wire copy.
COMMON_WORDS = set(
    """
    ap au co dr ft id ji km mr mrs ms mt pm st tv vs xi
    a about above across act add after again against age ago aid aim air all amnesty
    also am among an and any are area arena arm arms army art as ask at away
    back bad bag ban band bank bar base bat be bear bed been before best bet
    big bill bin bird bit black blue board boat body bomb book born boss both
    box boy brown bus bush but buy by call came camp can cap car card care
    case cast cat cell center centre chad china church city civil clean clear
    club coal cold come con cook cool cop core corps cost could court crown
    cup cut daily dam date dawn day dead deal dear deep den did die dig dim
    dish do doc doe does dog don done door dot down draw drop dry due dust
    each ear early east easy eat economist edge egg eight else end era eta
    eve even ever evil eye face fact fail fair fall fan far farm fast fat fear
    fee feel few field file fill film find fine fire firm first fish fit five
    fix flag flat flee fly fog for form fort four free from front fuel full
    fun gain gallant game gap gas gate gay gem get gift girl give glad globe
    go goal god gold gone good got grand grant gray great green grey grow
    guard guardian guinea gun guy had hail half hall ham hand hang hard harm
    has hat have he head hear heat held hell help her herald here hero hey
    hid high hill him his hit hold hole holy home hope host hot hour house
    how hub huge hunt hut ice idea if ill in inch independent inn into ion
    iron is it item its jam jar jet job join joy just keen keep key kid kill
    kind king kit knew know lab lack lad lady lap last late law lay lead leaf
    led left leg less let lid lie life lift like line link lip list lit live
    log long look lord lose loss lost lot love low luck mad made mail main
    make male man many map mark mart mass mat may me meal mean meet memorial
    men mend met mid might mild mile mill mind mine mint miss mist mix mob
    mod mom moon more most mud mug must my name nation navy near neat need
    net new news next nice nine no nod nor not note now nut oak oat odd of
    off oil ok old on once one only open or orb our out over owe own pa pace
    pack pad page paid pain pair pal palm pan par park part pass past pat
    path pay pea peak pen pentagon per pet pick pie pig pin pit plan play
    plot plus poet polish poll pool poor pop port post pot pound power press
    price pro pull pure push put race rag rain ram ran rank rare rat raw ray
    read real record red rest rice rich rid ride ring rip rise risk road rob
    rock rod role roll roof room root rose row rub rule run sad safe said
    sail sale salami salt same sand sat save saw say sea seal seat see seed
    seek seem seen self sell send sent set sew sex she ship shop shot show
    shut sick side sign sin sing sir sit site six size ski sky slam slip slow
    small snow so soft soil sold sole some son song soon sort soul soup spa
    spy standard star stay step stop sue sum sun sure tab tag take talk tall
    tan tap tar task tax tea team tear telegraph tell ten tend term test text
    than that the them then they thin this thus tie time times tin tip to toe
    told tone too took tool top tot tour town toy tree trip true trump try
    tub turkey turn two type union unit up upon us use van vast very vet via
    view vote wage wait wake walk wall want war ward warm was wash wave way
    we weak wear web wed week well went were west wet what when who why wide
    wife wig wild will win wind wine wing wire wise wish with won wood word
    work world yard yeah year yes yet you young your zero zone zoo
    """.split()
)

ALIAS_SEPARATOR_RE = re.compile(r"\s{2,}")
DOMAIN_RE = re.compile(r"^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+$")


def _looks_like_gazetteer(path: Path) -> bool:
    if path.name.startswith("actors_"):
        return True
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError:
                return False
            return isinstance(obj, dict) and REQUIRED_KEYS <= obj.keys()
    return False


GAZETTEERS = sorted(p for p in DATA_DIR.glob("*.jsonl") if _looks_like_gazetteer(p))


def test_gazetteer_files_found():
    assert (DATA_DIR / "actors_en.jsonl") in GAZETTEERS


@pytest.fixture(scope="module", params=GAZETTEERS, ids=lambda p: p.name)
def gazetteer(request):
    """(path, raw lines, parsed entries) for one gazetteer file."""
    path: Path = request.param
    lines = path.read_text(encoding="utf-8").splitlines()
    entries = []
    for line in lines:
        try:
            obj = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(obj, dict):
            entries.append(obj)
    return path, lines, entries


def _fail(problems: list[str]) -> None:
    if problems:
        shown = "\n".join(problems[:50])
        more = f"\n... and {len(problems) - 50} more" if len(problems) > 50 else ""
        pytest.fail(f"{len(problems)} problem(s):\n{shown}{more}")


def _bare(form: str) -> str:
    """Lower-cased form without a leading "the " ("The Guardian" -> "guardian")."""
    lowered = form.lower()
    return lowered[4:] if lowered.startswith("the ") else lowered


def _surface_forms(entry: dict) -> list[str]:
    forms = [entry.get("name", "")]
    forms += [a for a in entry.get("aliases", []) if isinstance(a, str)]
    forms += [d for d in entry.get("demonyms", []) if isinstance(d, str)]
    return forms


def test_each_line_is_a_compact_json_object(gazetteer):
    _, lines, _ = gazetteer
    assert lines, "empty gazetteer"
    problems = []
    for number, line in enumerate(lines, 1):
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"line {number}: invalid JSON ({exc})")
            continue
        if not isinstance(obj, dict):
            problems.append(f"line {number}: not a JSON object")
        elif line != json.dumps(obj, ensure_ascii=False):
            problems.append(f"line {number}: not written as json.dumps(obj, ensure_ascii=False)")
    _fail(problems)


def test_keys_and_types(gazetteer):
    _, _, entries = gazetteer
    problems = []
    for entry in entries:
        label = entry.get("name", entry)
        missing = REQUIRED_KEYS - entry.keys()
        if missing:
            problems.append(f"{label}: missing {sorted(missing)}")
        unknown = entry.keys() - REQUIRED_KEYS - OPTIONAL_KEYS
        if unknown:
            problems.append(f"{label}: unknown keys {sorted(unknown)}")
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip() or name != name.strip():
            problems.append(f"{label}: name must be a non-empty, stripped string")
        for key in {"aliases"} | OPTIONAL_LIST_KEYS:
            if key not in entry:
                continue
            value = entry[key]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                problems.append(f"{label}: {key} must be a list of strings")
            elif key != "aliases" and not value:
                problems.append(f"{label}: {key} present but empty")
        if "domain" in entry and not isinstance(entry["domain"], str):
            problems.append(f"{label}: domain must be a string")
    _fail(problems)


def test_kind_in_allowed_set(gazetteer):
    _, _, entries = gazetteer
    _fail([
        f"{e.get('name')}: kind {e.get('kind')!r} not in {sorted(ALLOWED_KINDS)}"
        for e in entries
        if e.get("kind") not in ALLOWED_KINDS
    ])


def test_names_unique_and_ascii(gazetteer):
    _, _, entries = gazetteer
    seen: dict[str, int] = defaultdict(int)
    for entry in entries:
        seen[entry.get("name")] += 1
    problems = [f"{name}: appears {count} times" for name, count in seen.items() if count > 1]
    problems += [
        f"{e['name']}: canonical name is not ASCII (put the accented form in aliases)"
        for e in entries
        if isinstance(e.get("name"), str) and not e["name"].isascii()
    ]
    _fail(problems)


def test_aliases_well_formed(gazetteer):
    _, _, entries = gazetteer
    problems = []
    for entry in entries:
        name = entry.get("name", "")
        seen = {name.casefold()}
        for alias in entry.get("aliases", []):
            if not isinstance(alias, str):
                continue
            if not alias.strip() or alias != alias.strip() or ALIAS_SEPARATOR_RE.search(alias):
                problems.append(f"{name}: badly spaced alias {alias!r}")
            if alias.casefold() in seen:
                problems.append(f"{name}: alias {alias!r} repeats the name or another alias")
            seen.add(alias.casefold())
            exempt = alias in entry.get("case_sensitive_aliases", []) and alias != alias.lower()
            if alias.casefold() in GENERIC_ALIASES and not exempt:
                problems.append(f"{name}: generic alias {alias!r}")
    _fail(problems)


def test_no_surface_form_shared_by_two_actors(gazetteer):
    _, _, entries = gazetteer
    owners: dict[str, set[str]] = defaultdict(set)
    for entry in entries:
        for form in _surface_forms(entry):
            owners[form.casefold()].add(entry.get("name"))
    _fail([
        f"{form!r} belongs to {sorted(names)}"
        for form, names in sorted(owners.items())
        if len(names) > 1
    ])


def test_part_of_and_affiliation_targets(gazetteer):
    _, _, entries = gazetteer
    kinds = {e.get("name"): e.get("kind") for e in entries}
    problems = []
    for entry in entries:
        name, kind = entry.get("name"), entry.get("kind")
        if kind == "person" and "part_of" in entry:
            problems.append(f"{name}: persons take 'affiliation', not 'part_of'")
        if kind != "person" and "affiliation" in entry:
            problems.append(f"{name}: only persons take 'affiliation'")
        for key in ("part_of", "affiliation"):
            for target in entry.get(key, []):
                if target == name:
                    problems.append(f"{name}: {key} points at itself")
                elif target not in kinds:
                    problems.append(f"{name}: {key} target {target!r} is not an actor in the file")
                elif kinds[target] == "person":
                    problems.append(f"{name}: {key} target {target!r} is a person")
    _fail(problems)


def test_part_of_has_no_cycles(gazetteer):
    _, _, entries = gazetteer
    parents = {e.get("name"): list(e.get("part_of", [])) for e in entries}
    problems = []
    for start in parents:
        stack, seen = list(parents[start]), set()
        while stack:
            node = stack.pop()
            if node == start:
                problems.append(f"{start}: part_of cycle")
                break
            if node in seen:
                continue
            seen.add(node)
            stack.extend(parents.get(node, []))
    _fail(problems)


def test_case_sensitive_aliases(gazetteer):
    _, _, entries = gazetteer
    problems = []
    for entry in entries:
        name = entry.get("name", "")
        aliases = [a for a in entry.get("aliases", []) if isinstance(a, str)]
        case_sensitive = set(entry.get("case_sensitive_aliases", []))
        for alias in sorted(case_sensitive - set(aliases)):
            problems.append(f"{name}: case-sensitive alias {alias!r} is not in aliases")
        for alias in aliases:
            if alias in case_sensitive:
                continue
            if _bare(alias) in COMMON_WORDS:
                problems.append(f"{name}: alias {alias!r} is a common word; mark it case-sensitive")
        if _bare(name) in COMMON_WORDS and name not in COMMON_WORD_NAMES:
            problems.append(
                f"{name}: canonical name is a common word; disambiguate it, e.g. "
                f"'The Guardian (UK)', and list the bare form as a case-sensitive alias"
            )
    _fail(problems)


def test_demonyms_only_on_states(gazetteer):
    _, _, entries = gazetteer
    _fail([
        f"{e.get('name')}: demonyms on a {e.get('kind')}"
        for e in entries
        if "demonyms" in e and e.get("kind") not in ("state", "collective")
    ])


def test_domain_only_on_media_outlets(gazetteer):
    _, _, entries = gazetteer
    problems = []
    for entry in entries:
        if "domain" not in entry:
            continue
        if entry.get("kind") != "media_outlet":
            problems.append(f"{entry.get('name')}: domain on a {entry.get('kind')}")
        if not isinstance(entry["domain"], str) or not DOMAIN_RE.match(entry["domain"]):
            problems.append(f"{entry.get('name')}: bad domain {entry['domain']!r} (bare host, lower case)")
    _fail(problems)


def test_sorted_by_kind_then_name(gazetteer):
    _, _, entries = gazetteer
    keys = [(str(e.get("kind")), str(e.get("name")).casefold()) for e in entries]
    problems = [
        f"{entries[i + 1].get('name')!r} ({keys[i + 1][0]}) is out of order after {entries[i].get('name')!r}"
        for i in range(len(keys) - 1)
        if keys[i] > keys[i + 1]
    ]
    _fail(problems)
