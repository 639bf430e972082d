#!/usr/bin/env python3
"""Cuts a corpus from make_corpus.py (one paragraph per line) into small
articles for the many-files benchmark (many_files.sh): consecutive
paragraphs are gathered until an article reaches a length drawn between
MIN and MAX bytes (default 1,000 to 3,000), and each article is written to
its own file, 1,000 to a folder (OUT/000/00000.txt, OUT/000/00001.txt…).
The same articles, in the same order, are also written one after another
(a blank line between two) to ONE_FILE, the one-big-file side of the
benchmark. With --jsonl, each article is also a line of a JSON Lines file
({"id": "000/00000.txt", "text": …}), which annotate reads as one
document per line: the benchmark's check of the answer. Deterministic: the
same arguments give the same bytes.

    make_articles.py CORPUS OUT ONE_FILE [ARTICLES] [--min BYTES] [--max BYTES] [--jsonl FILE]
"""
import argparse
import json
import os
import random
import sys


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("out")
    parser.add_argument("one_file")
    parser.add_argument("articles", nargs="?", type=int, default=50_000)
    parser.add_argument("--min", type=int, default=1_000)
    parser.add_argument("--max", type=int, default=3_000)
    parser.add_argument("--jsonl")
    args = parser.parse_args()
    rng = random.Random(16)
    written = 0
    jsonl = open(args.jsonl, "w", encoding="utf-8") if args.jsonl else None
    with open(args.corpus, "rb") as corpus, open(args.one_file, "wb") as one_file:
        paragraphs = (line.rstrip(b"\n") for line in corpus)
        while written < args.articles:
            target = rng.randint(args.min, args.max)
            article = []
            size = 0
            for paragraph in paragraphs:
                article.append(paragraph)
                size += len(paragraph) + 1
                if size >= target:
                    break
            if size < args.min:
                sys.exit(f"{args.corpus} ran out after {written} articles: give a larger corpus")
            text = b"\n".join(article) + b"\n"
            name = f"{written // 1000:03d}/{written:05d}.txt"
            os.makedirs(os.path.join(args.out, os.path.dirname(name)), exist_ok=True)
            with open(os.path.join(args.out, name), "wb") as f:
                f.write(text)
            if jsonl:
                jsonl.write(json.dumps({"id": name, "text": text.decode("utf-8")}, ensure_ascii=False) + "\n")
            one_file.write((b"\n" if written else b"") + text)
            written += 1
    if jsonl:
        jsonl.close()
    print(f"{written} articles -> {args.out}, and one after another in {args.one_file}")


if __name__ == "__main__":
    main()
