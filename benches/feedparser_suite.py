#!/usr/bin/env python3
"""How many of feedparser's own test feeds crossread reads.

Of the files of feedparser's test suite (tests/wellformed, tests/illformed,
tests/encoding of its source distribution) in which feedparser finds at
least one entry with text (a summary or content), counts those from which
`crossread extract` loads at least one article. Also checks that every file
of tests/encoding decodes (no "binary" or undecodable-text report) and that
the run neither crashes nor hangs.

    pip download --no-binary :all: --no-deps feedparser -d /work/feedparser
    tar xzf /work/feedparser/feedparser-*.tar.gz -C /work/feedparser
    pip install feedparser
    cargo build --release
    python3 benches/feedparser_suite.py /work/feedparser/feedparser-*/tests

Options: --crossread PATH (default target/release/crossread), --list to
print the files missed, --min PERCENT to exit non-zero below a bar.
"""

import argparse
import html
import json
import re
import os
import subprocess
import sys
from collections import defaultdict

import feedparser

ISSUE = re.compile(r"^(.*?\.xml)(?:#\d+)?(?::\d+)?: (.*)$")
TAG = re.compile(r"<[^>]*>")
FOLDERS = ("wellformed", "illformed", "encoding")


def feed_files(tests):
    for folder in FOLDERS:
        for root, _dirs, files in os.walk(os.path.join(tests, folder)):
            for name in sorted(files):
                if name.endswith(".xml"):
                    yield os.path.join(root, name)


def words(markup):
    """Whether HTML holds any word once tags are dropped."""
    text = html.unescape(TAG.sub(" ", markup or ""))
    return any(c.isalnum() for c in text)


def has_entry_text(path):
    parsed = feedparser.parse(path)
    for entry in parsed.entries:
        if words(entry.get("summary")):
            return True
        if any(words(c.get("value")) for c in entry.get("content", [])):
            return True
    return False


def crossread_run(binary, tests):
    folders = [os.path.join(tests, f) for f in FOLDERS]
    cmd = [binary, "extract", "--format", "jsonl", "--tagger", "rules", "--no-corrections"]
    proc = subprocess.run(cmd + folders, capture_output=True, text=True, timeout=900)
    if proc.returncode not in (0, 1) or "panicked" in proc.stderr:
        sys.exit(f"crossread crashed (exit {proc.returncode}):\n{proc.stderr[-2000:]}")
    articles = defaultdict(int)
    encodings = {}
    for line in proc.stdout.splitlines():
        record = json.loads(line)
        path = os.path.realpath(record["path"].split("#")[0])
        articles[path] += 1
        encodings[path] = record.get("encoding")
    problems = defaultdict(list)
    for line in proc.stderr.splitlines():
        match = ISSUE.match(line.removeprefix("crossread: ").removeprefix("skipped "))
        if match:
            problems[os.path.realpath(match.group(1))].append(match.group(2))
    return articles, encodings, problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tests", help="feedparser's tests/ folder")
    parser.add_argument("--crossread", default="target/release/crossread")
    parser.add_argument("--list", action="store_true", help="print the files missed")
    parser.add_argument("--min", type=float, default=0.0, help="fail below this percentage")
    args = parser.parse_args()

    files = [os.path.realpath(f) for f in feed_files(args.tests)]
    reference = [f for f in files if has_entry_text(f)]
    articles, encodings, problems = crossread_run(args.crossread, args.tests)
    read = [f for f in reference if articles.get(f)]
    missed = [f for f in reference if not articles.get(f)]
    share = 100.0 * len(read) / max(1, len(reference))
    print(f"feed files: {len(files)}; with entry text in feedparser: {len(reference)}")
    print(f"crossread loads an article from {len(read)} of them ({share:.1f}%)")

    encoding_dir = os.path.realpath(os.path.join(args.tests, "encoding"))
    undecoded = []
    replaced = 0
    for f in files:
        if not f.startswith(encoding_dir):
            continue
        reasons = problems.get(f, [])
        if any("binary" in r or "invalid UTF-8" in r for r in reasons):
            undecoded.append((f, reasons))
        elif any("replaced by U+FFFD" in r for r in reasons):
            replaced += 1
    in_encoding = sum(1 for f in files if f.startswith(encoding_dir))
    print(
        f"encoding/: {in_encoding - len(undecoded)} of {in_encoding} files decode"
        f" ({replaced} with undecodable bytes replaced and reported)"
    )
    by_encoding = defaultdict(int)
    for f in read:
        by_encoding[encodings.get(f)] += 1
    print("encodings of the files read: " + ", ".join(f"{k} {v}" for k, v in sorted(by_encoding.items(), key=lambda kv: -kv[1])))
    if args.list:
        for f in missed:
            print("missed", os.path.relpath(f, args.tests), "|", "; ".join(problems.get(f, [])))
        for f, reasons in undecoded:
            print("undecoded", os.path.relpath(f, args.tests), "|", "; ".join(reasons))
    if share < args.min or undecoded:
        sys.exit(f"below the bar of {args.min}% or files left undecoded")


if __name__ == "__main__":
    main()
