#!/usr/bin/env python3
"""Article extraction from HTML pages, scored on Mozilla Readability's test pages.

Each test page folder holds source.html (a saved real page), expected.html
(the article as Readability extracts it) and expected-metadata.json (title,
siteName, publishedTime). For each page this scores crossread's title
(exact, whitespace collapsed; "headline" also counts Readability's title
less a leading or trailing site/author segment, which crossread cuts), site name (case-insensitive), date (the day),
and body text by words: precision = share of crossread's words that are in
the expected article, recall = share of the article's words crossread kept
(multisets of lower-case words, summed over pages).

Pages are split by sorted name: even positions are the development half,
odd positions the held-out half on which the bars are judged.

    cargo build --release
    python3 benches/html_pages.py PAGES          # PAGES: the test-pages folder
    python3 benches/html_pages.py PAGES --results other.jsonl   # score another extractor

--results reads JSON lines {"name", "title", "site", "date", "text"} from
another extractor instead of running crossread. --list prints per-page figures.
"""

import argparse
import collections
import html
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

WORD = re.compile(r"\w+", re.UNICODE)


class TextOf(html.parser.HTMLParser):
    """The text of an HTML fragment, without scripts and styles."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip:
            self.skip -= 1
        self.parts.append(" ")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_text(markup):
    parser = TextOf()
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts)


def words(text):
    return collections.Counter(w.lower() for w in WORD.findall(text or ""))


def collapse(text):
    return " ".join(html.unescape(text or "").split())


def crossread_results(binary, pages, names):
    tmp = tempfile.mkdtemp(prefix="crossread-pages-")
    try:
        for name in names:
            shutil.copy(os.path.join(pages, name, "source.html"), os.path.join(tmp, f"{name}.html"))
        cmd = [binary, "extract", "--text", "--format", "jsonl", "--tagger", "rules", "--no-corrections", tmp]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
        if "panicked" in proc.stderr:
            sys.exit(f"crossread crashed:\n{proc.stderr[-2000:]}")
        results = {}
        for line in proc.stdout.splitlines():
            record = json.loads(line)
            name = os.path.basename(record["path"])[: -len(".html")]
            results[name] = record
        return results
    finally:
        shutil.rmtree(tmp)


SEPARATORS = (" | ", " - ", " – ", " — ", " · ", " :: ", " » ", " « ")


def headlines(title):
    """The title, and the title less one leading or trailing segment."""
    out = {title}
    for sep in SEPARATORS:
        if sep in title:
            out.add(title.rsplit(sep, 1)[0].strip())
            out.add(title.split(sep, 1)[1].strip())
    return out


def score(pages, names, results, listing):
    headline_ok = 0
    title_ok = site_ok = site_n = date_ok = date_n = 0
    overlap = got = want = 0
    for name in names:
        meta = json.load(open(os.path.join(pages, name, "expected-metadata.json"), encoding="utf-8"))
        expected = words(html_text(open(os.path.join(pages, name, "expected.html"), encoding="utf-8").read()))
        result = results.get(name, {})
        title = collapse(result.get("title"))
        t_ok = title == collapse(meta.get("title"))
        title_ok += t_ok
        headline_ok += title in headlines(collapse(meta.get("title")))
        if meta.get("siteName"):
            site_n += 1
            site_ok += collapse(result.get("site") or result.get("source")).lower() == collapse(meta["siteName"]).lower()
        if meta.get("publishedTime"):
            date_n += 1
            date_ok += (result.get("date") or "")[:10] == meta["publishedTime"][:10]
        found = words(result.get("text"))
        common = sum((found & expected).values())
        overlap += common
        got += sum(found.values())
        want += sum(expected.values())
        if listing:
            p = common / max(1, sum(found.values()))
            r = common / max(1, sum(expected.values()))
            mark = "ok " if t_ok else "BAD"
            print(f"  {name}: title {mark} {title[:50]!r} vs {collapse(meta.get('title'))[:50]!r}; P {p:.2f} R {r:.2f}")
    n = max(1, len(names))
    return {
        "pages": len(names),
        "title": title_ok / n,
        "headline": headline_ok / n,
        "site": site_ok / max(1, site_n),
        "site_pages": site_n,
        "date": date_ok / max(1, date_n),
        "date_pages": date_n,
        "precision": overlap / max(1, got),
        "recall": overlap / max(1, want),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages")
    parser.add_argument("--crossread", default="target/release/crossread")
    parser.add_argument("--results", help="JSON lines from another extractor")
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args()
    names = sorted(
        d for d in os.listdir(args.pages) if os.path.exists(os.path.join(args.pages, d, "source.html"))
    )
    if args.results:
        results = {}
        for line in open(args.results, encoding="utf-8"):
            record = json.loads(line)
            results[record["name"]] = record
    else:
        results = crossread_results(args.crossread, args.pages, names)
    halves = {"dev": names[0::2], "held-out": names[1::2]}
    for half, subset in halves.items():
        if args.list:
            print(half)
        s = score(args.pages, subset, results, args.list)
        print(
            f"{half:9} {s['pages']} pages: title {100 * s['title']:.1f}% "
            f"(headline {100 * s['headline']:.1f}%), "
            f"site {100 * s['site']:.1f}% (of {s['site_pages']}), date {100 * s['date']:.1f}% (of {s['date_pages']}), "
            f"body word precision {s['precision']:.3f}, recall {s['recall']:.3f}"
        )


if __name__ == "__main__":
    main()
