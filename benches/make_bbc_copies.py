#!/usr/bin/env python3
"""Makes a large corpus from the BBC set: N copies of every article, each copy
distinct (its sentences rotated by the copy number and poured back into the
article's paragraph shape), so that no cache keyed by content can shortcut one.

    python3 benches/make_bbc_copies.py --copies 9 --out /work/bbc9    # 20,025 articles
    python3 benches/make_bbc_copies.py --copies 45 --out /work/bbc45  # 100,125 articles

The source defaults to ../shared/data/bbc beside the checkout. The output is
laid out as copyNN/<category>/<file>.txt; the folder is replaced.
"""

import argparse
import hashlib
import pathlib
import re
import shutil
import sys

SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(])")


def rotated(text, k):
    """The article with its body sentences rotated by k; title kept first."""
    lines = text.split("\n", 1)
    title, body = lines[0], (lines[1] if len(lines) > 1 else "")
    paragraphs = [p for p in re.split(r"\n\s*\n", body) if p.strip()]
    sentences = [SENTENCE_END.split(p.strip()) for p in paragraphs]
    flat = [s for para in sentences for s in para]
    if not flat:
        return text
    k %= len(flat)
    flat = flat[k:] + flat[:k]
    out, i = [], 0
    for para in sentences:
        out.append(" ".join(flat[i : i + len(para)]))
        i += len(para)
    return title + "\n\n" + "\n\n".join(out) + "\n"


def main():
    here = pathlib.Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=9)
    parser.add_argument("--out", type=pathlib.Path, required=True)
    parser.add_argument("--source", type=pathlib.Path, default=here.parent / "shared/data/bbc")
    args = parser.parse_args()
    files = sorted(args.source.glob("*/*.txt"))
    if not files:
        sys.exit(f"no articles under {args.source}")
    if args.out.exists():
        shutil.rmtree(args.out)
    seen = set()
    clashes = 0
    for copy in range(args.copies):
        for f in files:
            text = f.read_text(encoding="utf-8", errors="replace")
            # Rotating by a multiple of the sentence count would repeat a copy:
            # step by copy, then by copy*7, skipping rotations already taken.
            new = rotated(text, copy)
            digest = hashlib.sha256(new.encode()).digest()
            step = 1
            while (f, digest) in seen and step < 64:
                new = rotated(text, copy + step * args.copies)
                digest = hashlib.sha256(new.encode()).digest()
                step += 1
            if (f, digest) in seen:
                # A very short article: mark the copy in its last line.
                new = text.rstrip("\n") + f"\n\n(Copy {copy}.)\n"
                digest = hashlib.sha256(new.encode()).digest()
                clashes += 1
            seen.add((f, digest))
            target = args.out / f"copy{copy:02d}" / f.parent.name / f.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(new, encoding="utf-8")
    total = args.copies * len(files)
    print(f"{total} articles in {args.out} ({clashes} short ones marked to stay distinct)")


if __name__ == "__main__":
    main()
