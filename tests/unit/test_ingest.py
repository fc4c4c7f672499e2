"""Real-world ingest: every kind of input, every kind of bad input, nothing lost without a reason."""

from __future__ import annotations

import gzip
import http.server
import json
import os
import subprocess
import threading
import time

import pytest

from conftest import CLAIMGRAPH

from claimgraph.graph.errors import InputError
from claimgraph.loaders.read import read_inputs

KABUL = ("The Islamic State claimed responsibility for the bombing in Kabul, according to a statement "
         "on its Amaq channel. Afghan officials said the attack killed twelve people near a market.")
PARIS = "Officials said the Islamic State was behind the Paris attack."
MOSCOW = ("Russian officials blamed Ukraine for the Crocus City Hall attack. "
          "US officials said the Islamic State was responsible for the attack.")
FRENCH = ("Le groupe État islamique a revendiqué l'attentat de Kaboul, selon un communiqué publié par son "
          "agence de propagande. Les autorités afghanes ont indiqué que l'explosion avait fait douze morts.")

ARTICLE_HTML = """<!DOCTYPE html>
<html><head><title>Bombing in Kabul | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="og:title" content="Islamic State claims Kabul bombing">
<meta property="article:published_time" content="2024-03-23T10:00:00Z">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/weather">Weather forecast for the weekend</a></li></ul></nav>
<div class="cookie">We use cookies. <a href="/privacy">Privacy policy</a></div>
<article><h1>Islamic State claims Kabul bombing</h1>
<p>The Islamic State claimed responsibility for the bombing in Kabul on Friday, according to a statement
posted on its Amaq channel.</p>
<p>Afghan officials said the attack killed twelve people near a market. The Taliban denied any involvement
in the blast, a spokesman said.</p></article>
<footer><a href="/about">About us</a> <a href="/contact">Contact the newsroom</a></footer>
</body></html>"""

NAV_HTML = ("<html><head><title>World news</title></head><body><nav><ul>"
            + "".join(f'<li><a href="/s{i}">Section number {i} of the world news</a></li>' for i in range(30))
            + "</ul></nav></body></html>")

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Wire Service</title><link>https://wire.example/</link>
<description>News</description>
<item><title>Kabul bombing claimed</title><link>https://wire.example/kabul</link>
<pubDate>Sat, 23 Mar 2024 10:00:00 GMT</pubDate>
<description><![CDATA[<p>The Islamic State claimed responsibility for the bombing in Kabul.</p>
<p>Afghan officials said twelve people died.</p>]]></description></item>
<item><title>Moscow blames Kyiv</title><link>https://wire.example/moscow</link>
<pubDate>Sun, 24 Mar 2024 08:30:00 GMT</pubDate>
<description>Russian officials blamed Ukraine for the Crocus City Hall attack, which Kyiv denied.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Agency Feed</title><id>urn:agency</id>
<updated>2024-03-25T00:00:00Z</updated>
<entry><title>Group denies attack</title><id>urn:1</id><link href="https://agency.example/1"/>
<published>2024-03-24T12:00:00Z</published><updated>2024-03-24T12:00:00Z</updated>
<content type="html">&lt;p&gt;Hamas denied responsibility for the shooting in Jerusalem, a spokesman told reporters.&lt;/p&gt;</content>
</entry>
<entry><title>Officials blame militia</title><id>urn:2</id><link href="https://agency.example/2"/>
<published>2024-03-25T09:00:00Z</published>
<summary>US officials blamed an Iran-backed militia for the drone attack in Jordan.</summary>
</entry></feed>"""


def claimgraph(*args, input=None, env=None):
    return subprocess.run([CLAIMGRAPH, *args], capture_output=True, text=True, input=input,
                          env={**os.environ, **(env or {})}, timeout=300)


def articles(*paths, **kw):
    items = list(read_inputs([str(p) for p in paths], **kw))
    return [a for a in items if not isinstance(a, InputError)], [e for e in items if isinstance(e, InputError)]


# --- a local web server ---------------------------------------------------------------------------

class _Handler(http.server.BaseHTTPRequestHandler):
    routes: dict = {}
    agents: list = []

    def do_GET(self):  # noqa: N802 - the stdlib's name
        self.agents.append(self.headers.get("User-Agent"))
        route = self.routes.get(self.path)
        if route is None:
            self.send_error(404, "Not Found")
            return
        status, ctype, body, delay = route
        if delay:
            time.sleep(delay)
        try:
            self.send_response(status)
            if status in (301, 302):
                self.send_header("Location", body)
                body = b""
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    _Handler.routes = {
        "/article": (200, "text/html; charset=utf-8", ARTICLE_HTML.encode(), 0),
        "/nav": (200, "text/html", NAV_HTML.encode(), 0),
        "/feed": (200, "application/rss+xml", RSS.encode(), 0),
        "/feed-as-html": (200, "text/html", ATOM.encode(), 0),
        "/plain": (200, "text/plain; charset=utf-8", PARIS.encode(), 0),
        "/moved": (302, "text/html", "/article", 0),
        "/slow": (200, "text/html", ARTICLE_HTML.encode(), 3),
    }
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


# --- the whole corpus through one run --------------------------------------------------------------

def test_a_corpus_of_good_and_bad_inputs_goes_through_one_ingest(tmp_path, server):
    good, bad = tmp_path / "good", tmp_path / "bad"
    good.mkdir()
    bad.mkdir()
    (good / "kabul.txt").write_text("Kabul bombing\n\n" + KABUL + "\n", encoding="utf-8")
    (good / "paris.md").write_text(PARIS + "\n", encoding="utf-8")
    # invisible characters inside names: normalised for spaCy, offsets into the original
    (good / "marks.txt").write_text("Officials said the Islamic\u200b State was behind the\u202e Paris\u202c bombing in "
                                    "Nice.\x07\n", encoding="utf-8")
    (good / "page.html").write_text(ARTICLE_HTML, encoding="utf-8")
    (good / "wire.rss").write_text(RSS, encoding="utf-8")
    (good / "agency.atom").write_text(ATOM, encoding="utf-8")
    (good / "moscow.txt.gz").write_bytes(gzip.compress(MOSCOW.encode()))
    (good / "cp1252.txt").write_bytes(("\u201cThe Islamic State was behind the attack in Kabul,\u201d officials "
                                       "said \u2014 a claim the Taliban rejected. " * 2).encode("cp1252"))
    lines = [json.dumps({"text": "Hamas claimed responsibility for the rocket attack on Tel Aviv.",
                         "title": "Rockets", "url": "https://example.org/r", "published": "2024-01-02",
                         "outlet": "Example"}),
             "{not json",
             json.dumps({"title": "no text here"}),
             json.dumps({"text": "The Pakistani Taliban claimed the bombing in Peshawar, police said."})]
    (good / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")

    (bad / "empty.txt").write_text("   \n", encoding="utf-8")
    (bad / "binary.txt").write_bytes(b"\x00\x01\x02\x03PNG" * 10)
    (bad / "latin.txt").write_bytes("Attentat à Paris revendiqué".encode("latin-1"))
    (bad / "nav.html").write_text(NAV_HTML, encoding="utf-8")
    (bad / "french.txt").write_text(FRENCH, encoding="utf-8")
    (bad / "broken.xml").write_text("<rss><channel><item><title>unclosed", encoding="utf-8")
    (bad / "broken.txt.gz").write_bytes(b"\x1f\x8bnot really gzip")
    store = tmp_path / "g.graph"
    report = tmp_path / "errors.jsonl"
    run = claimgraph("ingest", str(good), str(bad), f"{server}/article", f"{server}/slow",
                     str(tmp_path / "missing.txt"), "--store", str(store), "--errors", str(report),
                     env={"CLAIMGRAPH_FETCH_TIMEOUT": "0.5"})
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr

    errors = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    reasons = {e["input"]: e["reason"] for e in errors}
    expected = {
        str(bad / "empty.txt"): "empty",
        str(bad / "binary.txt"): "binary",
        str(bad / "latin.txt"): "encoding",
        str(bad / "nav.html"): "no article text",
        str(bad / "french.txt"): "not English (detected fr)",
        str(bad / "broken.xml"): "feed does not parse",
        str(bad / "broken.txt.gz"): "bad gzip",
        f"{good / 'batch.jsonl'}:2": "malformed JSON line",
        f"{good / 'batch.jsonl'}:3": "missing field",
        f"{server}/slow": "timeout",
        str(tmp_path / "missing.txt"): "missing",
    }
    assert reasons == expected
    assert all(e["message"].startswith(e["input"]) for e in errors)

    # kabul, paris, marks, page, 2 rss, 2 atom, moscow.gz, cp1252, 2 jsonl, the page by URL; that is the same
    # text as page.html, so the same Article node
    summary = run.stderr.strip().splitlines()[-1]
    assert summary.startswith("read 13, extracted 13, loaded 13, skipped 11"), summary
    stats = claimgraph("stats", "--store", str(store), "--format", "json")
    counts = {r["name"]: r["count"] for r in json.loads(stats.stdout)}
    assert counts["Article"] == 12
    assert counts["ATTRIBUTED_BY"] >= 3


def test_strict_stops_at_the_first_bad_input_and_verbose_names_inputs(tmp_path):
    (tmp_path / "a.txt").write_text("", encoding="utf-8")
    (tmp_path / "b.txt").write_text(PARIS, encoding="utf-8")
    report = tmp_path / "errors.jsonl"
    run = claimgraph("extract", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--strict", "--errors", str(report),
                     "-v")
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert run.stdout == ""
    assert f"reading {tmp_path / 'a.txt'}" in run.stderr and "reading " + str(tmp_path / "b.txt") not in run.stderr
    assert [json.loads(line)["reason"] for line in report.read_text().splitlines()] == ["empty"]


# --- HTML ----------------------------------------------------------------------------------------------

def test_html_page_gives_body_title_date_and_outlet(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(ARTICLE_HTML, encoding="utf-8")
    (art,), errors = articles(page)
    assert not errors
    assert "claimed responsibility for the bombing in Kabul" in art.text
    assert "Taliban denied any involvement" in art.text
    for boilerplate in ("Home", "Sport", "Weather forecast", "cookies", "About us"):
        assert boilerplate not in art.text
    assert art.title == "Islamic State claims Kabul bombing"
    assert art.published == "2024-03-23"
    assert art.outlet == "Example News"
    assert art.path == str(page)


def test_a_navigation_page_has_no_article_text(tmp_path):
    page = tmp_path / "front.htm"
    page.write_text(NAV_HTML, encoding="utf-8")
    found, (error,) = articles(page)
    assert not found and error.reason == "no article text"


# --- URLs ----------------------------------------------------------------------------------------------

def test_urls_are_fetched_with_our_user_agent_and_redirects_followed(server):
    found, errors = articles(f"{server}/article", f"{server}/moved", f"{server}/plain")
    assert not errors
    assert [a.url for a in found] == [f"{server}/article", f"{server}/article", f"{server}/plain"]
    assert found[0].title == "Islamic State claims Kabul bombing" and found[0].outlet == "Example News"
    assert found[2].text == PARIS
    assert all(agent.startswith("claimgraph/0.1") for agent in _Handler.agents)


def test_a_url_whose_content_is_a_feed_gives_its_entries(server):
    rss, rss_errors = articles(f"{server}/feed")
    atom, atom_errors = articles(f"{server}/feed-as-html")
    assert not rss_errors and not atom_errors
    assert [a.url for a in rss] == ["https://wire.example/kabul", "https://wire.example/moscow"]
    assert len(atom) == 2


def test_a_slow_server_times_out_with_a_clear_error(server):
    start = time.monotonic()
    found, (error,) = articles(f"{server}/slow", timeout=0.3)
    assert time.monotonic() - start < 2.5
    assert not found
    assert error.reason == "timeout"
    assert "timed out after 0.3 s" in str(error) and "CLAIMGRAPH_FETCH_TIMEOUT" in str(error)


def test_missing_page_and_unreachable_host_are_errors(server):
    import socket

    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    found, errors = articles(f"{server}/nothing-here", f"http://127.0.0.1:{port}/x", f"{server}/nav")
    assert not found
    assert [e.reason for e in errors] == ["http 404", "unreachable", "no article text"]
    assert "HTTP 404" in str(errors[0]) and "online" in str(errors[1])


def test_a_page_larger_than_the_limit_is_refused(server):
    found, (error,) = articles(f"{server}/article", max_bytes=100)
    assert error.reason == "too large"


# --- feeds ---------------------------------------------------------------------------------------------

def test_rss_and_atom_files_give_one_article_per_entry(tmp_path):
    (tmp_path / "wire.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "agency.atom").write_text(ATOM, encoding="utf-8")
    rss, errors = articles(tmp_path / "wire.rss")
    assert not errors and len(rss) == 2
    assert rss[0].title == "Kabul bombing claimed"
    assert rss[0].url == "https://wire.example/kabul"
    assert rss[0].published == "2024-03-23"
    assert rss[0].outlet == "Wire Service"
    assert rss[0].text.startswith("The Islamic State claimed responsibility") and "<p>" not in rss[0].text
    atom, errors = articles(tmp_path / "agency.atom")
    assert not errors and len(atom) == 2
    assert [a.published for a in atom] == ["2024-03-24", "2024-03-25"]
    assert atom[0].text == "Hamas denied responsibility for the shooting in Jerusalem, a spokesman told reporters."
    assert atom[1].text.startswith("US officials blamed")


def test_a_feed_that_does_not_parse_is_one_error(tmp_path):
    (tmp_path / "bad.rss").write_text("this is not xml at all", encoding="utf-8")
    found, (error,) = articles(tmp_path / "bad.rss")
    assert error.reason == "feed does not parse" and str(tmp_path / "bad.rss") in str(error)


# --- JSON Lines and stdin ------------------------------------------------------------------------------

def test_jsonl_fields_and_bad_lines(tmp_path):
    f = tmp_path / "a.jsonl"
    f.write_text("\n".join([
        json.dumps({"text": PARIS, "title": "T", "url": "https://x.example/1", "published": "2024-03-22",
                    "outlet": "Reuters", "extra": 1}),
        "",
        "[1, 2]",
        json.dumps({"text": ""}),
        json.dumps({"text": FRENCH, "language": "fr"}),
    ]), encoding="utf-8")
    found, errors = articles(f)
    (art,) = found
    assert (art.title, art.url, art.published, art.outlet, art.path) == (
        "T", "https://x.example/1", "2024-03-22", "Reuters", f"{f}:1")
    assert [(e.source, e.reason) for e in errors] == [
        (f"{f}:3", "malformed JSON line"), (f"{f}:4", "missing field"), (f"{f}:5", "not English (detected fr)")]
    assert '"text"' in str(errors[1])
    found, errors = articles(f, language="fr")
    assert [a.language for a in found] == ["fr"]


def test_stdin_jsonl_or_plain_text():
    lines = json.dumps({"text": PARIS, "title": "Paris"}) + "\n" + json.dumps({"text": MOSCOW}) + "\n"
    run = claimgraph("extract", "-", "-q", input=lines)
    assert run.returncode == 0 and run.stderr == ""  # --quiet: nothing on stderr
    records = [json.loads(line) for line in run.stdout.splitlines()]
    assert [r["article"]["title"] for r in records] == ["Paris", None]
    run = claimgraph("extract", "-", "-q", input=KABUL)
    assert run.returncode == 0, run.stderr
    (record,) = [json.loads(line) for line in run.stdout.splitlines()]
    assert record["article"]["text"] == KABUL


# --- .gz, directories, encodings, languages, long texts -------------------------------------------------

def test_gz_of_each_kind_and_glob_in_directories(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt.gz").write_bytes(gzip.compress(PARIS.encode()))
    (tmp_path / "b.html.gz").write_bytes(gzip.compress(ARTICLE_HTML.encode()))
    (tmp_path / "c.rss.gz").write_bytes(gzip.compress(RSS.encode()))
    (tmp_path / "d.jsonl.gz").write_bytes(gzip.compress(json.dumps({"text": MOSCOW}).encode()))
    (tmp_path / "notes.csv").write_text("a,b\n", encoding="utf-8")
    found, errors = articles(tmp_path)
    assert not errors
    assert len(found) == 1 + 1 + 2 + 1
    assert found[0].outlet == "Example News"  # b.html.gz, sorted first
    only_html, _ = articles(tmp_path, glob="*.html.gz")
    assert len(only_html) == 1
    none, (error,) = articles(tmp_path, glob="*.pdf")
    assert error.reason == "empty directory" and "*.pdf" in str(error)


def test_encodings_decoded_when_sure_reported_when_not(tmp_path):
    cp = tmp_path / "cp1252.txt"
    cp.write_bytes(("\u201cThe Islamic State was behind the attack,\u201d officials said \u2014 the Taliban "
                    "rejected it. " * 3).encode("cp1252"))
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes(PARIS.encode("utf-16"))
    found, errors = articles(cp, utf16)
    assert not errors
    assert found[0].text.startswith("\u201cThe Islamic State") and "\u2014" in found[0].text
    assert found[1].text == PARIS
    short = tmp_path / "short.txt"
    short.write_bytes("Attentat à Paris revendiqué".encode("latin-1"))
    _, (error,) = articles(short)
    assert error.reason == "encoding" and "not UTF-8" in str(error) and "iconv" in str(error)


def test_binary_kinds_are_named(tmp_path):
    (tmp_path / "x.txt").write_bytes(b"%PDF-1.7\n" + bytes(range(256)))
    (tmp_path / "y.html").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)
    _, errors = articles(tmp_path / "x.txt", tmp_path / "y.html")
    assert [e.reason for e in errors] == ["binary", "binary"]
    assert "PDF" in str(errors[0]) and "PNG" in str(errors[1])


@pytest.mark.parametrize("text, code", [
    (FRENCH, "fr"),
    ("Президент России Владимир Путин заявил, что за нападением на концертный зал стоит Украина.", "ru"),
    ("أعلن تنظيم الدولة الإسلامية مسؤوليته عن الهجوم على قاعة الحفلات الموسيقية في موسكو.", "ar"),
])
def test_non_english_is_skipped_unless_asked_for(tmp_path, text, code):
    f = tmp_path / "a.txt"
    f.write_text(text, encoding="utf-8")
    _, (error,) = articles(f)
    assert error.reason == f"not English (detected {code})"
    assert f"--language {code}" in str(error)
    (art,), _ = articles(f, language=code)
    assert art.language == code
    (art,), _ = articles(f, language="any")
    assert art.language == code


def test_short_and_shouting_english_is_kept(tmp_path):
    texts = ["Putin blamed Ukraine.", "Hamas denied it.",
             "SALVADORAN PRESIDENT-ELECT ALFREDO CRISTIANI CONDEMNED THE TERRORIST KILLING OF ATTORNEY GENERAL "
             "ROBERTO GARCIA ALVARADO AND ACCUSED THE FARABUNDO MARTI NATIONAL LIBERATION FRONT OF THE CRIME."]
    for n, text in enumerate(texts):
        (tmp_path / f"{n}.txt").write_text(text, encoding="utf-8")
    found, errors = articles(tmp_path)
    assert not errors and len(found) == 3 and all(a.language == "en" for a in found)


def test_long_articles_are_never_rejected(tmp_path):
    f = tmp_path / "long.txt"
    text = "\n\n".join(f"Paragraph {i}. " + KABUL for i in range(6000))  # over a million characters
    f.write_text(text, encoding="utf-8")
    (art,), errors = articles(f)
    assert not errors and art.text == text and len(art.text) > 1_000_000


def test_invisible_characters_extract_with_offsets_into_the_original(nlp):
    from claimgraph.loaders.extract import extract_text

    text = "\u200fOfficials said the Islamic\u200b State was behind the Paris attack.\x00\ud800"
    ex = extract_text(text, nlp)
    assert ex.statements
    for s in ex.statements:
        assert text[s.start:s.end] == s.quote
    names = {a.name for a in ex.actors}
    assert "Islamic State" in names
    for a in ex.actors:
        for m in a.mentions:
            assert text[m.start:m.end] == m.text
    state = next(a for a in ex.actors if a.name == "Islamic State")
    assert state.mentions[0].text == "Islamic\u200b State"
