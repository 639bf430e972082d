#!/usr/bin/env python3
"""Encode Unicode Vietnamese text into legacy forms, and decode them back.

Usage:
  legacy_encode.py --to FORM IN OUT      encode UTF-8 file IN, write OUT
  legacy_encode.py --from FORM IN OUT    decode IN (bytes or text), write UTF-8 OUT
  legacy_encode.py --selftest            round-trip checks (tables + fixtures)

FORM is one of: viqr, vni, tcvn3, cp1258, mojibake-cp1252, mojibake-latin1,
mojibake-cp1252x2.  viqr and mojibake-* outputs are UTF-8 text; vni, tcvn3 and
cp1258 outputs are raw bytes.

Stdlib only. The ENCODERS here deliberately do not read Data/encodings/*.tsv:
  * VNI is computed from base letter + mark byte (the mark bytes are the whole
    of VNI's design; see VNI_MARKS below).
  * TCVN3 uses its own literal, written per tone row and cross-checked against
    GNU libiconv's TCVN-5712 (VN1) table, not against the generator literal.
  * cp1258 uses Python's own codec after the decomposition Windows-1258 needs.
The DECODERS used by --selftest and --from read the .tsv files, as the Swift
library will, so a round trip checks the tables against an independent encoder.
"""
import argparse
import os
import sys
import unicodedata

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATA = os.path.join(ROOT, "Data", "encodings")
FIXTURES = os.path.join(ROOT, "Tests", "NomenNormalizationTests", "Fixtures", "legacy")

FORMS = ["viqr", "vni", "tcvn3", "cp1258", "mojibake-cp1252", "mojibake-latin1",
         "mojibake-cp1252x2"]

GRAVE, ACUTE, HOOK, TILDE, DOT = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"
CIRC, BREVE, HORN = "\u0302", "\u0306", "\u031B"
TONE_MARKS = (GRAVE, HOOK, TILDE, ACUTE, DOT)
LETTER_MARKS = (CIRC, BREVE, HORN)


class EncodeError(ValueError):
    pass


def split_letter(ch):
    """'ậ' -> ('a', CIRC, DOT); 'Đ' -> ('Đ', None, None). Base keeps its case."""
    d = unicodedata.normalize("NFD", ch)
    base, modifier, tone = d[0], None, None
    for m in d[1:]:
        if m in LETTER_MARKS and modifier is None:
            modifier = m
        elif m in TONE_MARKS and tone is None:
            tone = m
        else:
            return ch, None, None  # not a Vietnamese letter shape: leave whole
    return base, modifier, tone


def is_vietnamese_letter(ch):
    base, modifier, tone = split_letter(ch)
    if ch in "\u0110\u0111":
        return True
    if base.lower() not in "aeiouy" or (modifier is None and tone is None):
        return False
    allowed = {"a": (None, CIRC, BREVE), "e": (None, CIRC), "o": (None, CIRC, HORN),
               "u": (None, HORN), "i": (None,), "y": (None,)}
    return modifier in allowed[base.lower()]


# ----------------------------------------------------------------------------
# VNI-Windows: a letter is its ASCII base followed by one mark byte; lowercase
# mark bytes are 0xE0-0xFC, the capital form of each is exactly 0x20 lower.
VNI_MARKS = {  # (modifier, tone) -> lowercase mark byte
    (None, ACUTE): 0xF9, (None, GRAVE): 0xF8, (None, HOOK): 0xFB,
    (None, TILDE): 0xF5, (None, DOT): 0xEF,
    (CIRC, None): 0xE2, (CIRC, ACUTE): 0xE1, (CIRC, GRAVE): 0xE0,
    (CIRC, HOOK): 0xE5, (CIRC, TILDE): 0xE3, (CIRC, DOT): 0xE4,
    (BREVE, None): 0xEA, (BREVE, ACUTE): 0xE9, (BREVE, GRAVE): 0xE8,
    (BREVE, HOOK): 0xFA, (BREVE, TILDE): 0xFC, (BREVE, DOT): 0xEB,
}
# Letters that VNI writes with a single byte of their own (lowercase byte).
VNI_SINGLE = {
    ("i", ACUTE): 0xED, ("i", GRAVE): 0xEC, ("i", HOOK): 0xE6,
    ("i", TILDE): 0xF3, ("i", DOT): 0xF2,
    ("y", DOT): 0xEE,
}
VNI_HORN_BASE = {"o": 0xF4, "u": 0xF6}  # ơ ư: one byte, then the tone mark
VNI_D_STROKE = 0xF1                      # đ; Đ = 0xD1


def encode_vni_char(ch):
    if ch in "\u0110\u0111":
        return bytes([VNI_D_STROKE - (0x20 if ch == "\u0110" else 0)])
    if not is_vietnamese_letter(ch):
        return None
    base, modifier, tone = split_letter(ch)
    upper = base.isupper()
    shift = 0x20 if upper else 0
    lb = base.lower()
    if modifier is None and (lb, tone) in VNI_SINGLE:
        return bytes([VNI_SINGLE[(lb, tone)] - shift])
    if modifier == HORN:
        out = bytes([VNI_HORN_BASE[lb] - shift])
        if tone is not None:
            out += bytes([VNI_MARKS[(None, tone)] - shift])
        return out
    return base.encode("ascii") + bytes([VNI_MARKS[(modifier, tone)] - shift])


# Bytes VNI uses for letters/marks; any other character must not land on them.
def _vni_reserved():
    used = set()
    for v in list(VNI_MARKS.values()) + list(VNI_SINGLE.values()) + \
            list(VNI_HORN_BASE.values()) + [VNI_D_STROKE]:
        used |= {v, v - 0x20}
    return used


VNI_RESERVED = _vni_reserved()


def encode_vni(text):
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        b = encode_vni_char(ch)
        if b is None:
            b = cp1252_encode_char(ch)
            if b[0] in VNI_RESERVED:
                raise EncodeError("VNI cannot represent %r (U+%04X)" % (ch, ord(ch)))
        out += b
    return bytes(out)


# ----------------------------------------------------------------------------
# TCVN3 (VN3). One literal per base, tones in the order: none, grave, hook,
# tilde, acute, dot. Written as the Windows-1252 glyphs of the bytes, i.e. what
# a TCVN3 file looks like when opened without the .VnTime font.
TCVN3_ROWS = {
    "a": "a\u00b5\u00b6\u00b7\u00b8\u00b9",    # a µ ¶ · ¸ ¹
    "ă": "\u00a8\u00bb\u00bc\u00bd\u00be\u00c6",  # ¨ » ¼ ½ ¾ Æ
    "â": "\u00a9\u00c7\u00c8\u00c9\u00ca\u00cb",  # © Ç È É Ê Ë
    "e": "e\u00cc\u00ce\u00cf\u00d0\u00d1",     # e Ì Î Ï Ð Ñ
    "ê": "\u00aa\u00d2\u00d3\u00d4\u00d5\u00d6",  # ª Ò Ó Ô Õ Ö
    "i": "i\u00d7\u00d8\u00dc\u00dd\u00de",     # i × Ø Ü Ý Þ
    "o": "o\u00df\u00e1\u00e2\u00e3\u00e4",     # o ß á â ã ä
    "ô": "\u00ab\u00e5\u00e6\u00e7\u00e8\u00e9",  # « å æ ç è é
    "ơ": "\u00ac\u00ea\u00eb\u00ec\u00ed\u00ee",  # ¬ ê ë ì í î
    "u": "u\u00ef\u00f1\u00f2\u00f3\u00f4",     # u ï ñ ò ó ô
    "ư": "\u00ad\u00f5\u00f6\u00f7\u00f8\u00f9",  # (soft hyphen) õ ö ÷ ø ù
    "y": "y\u00fa\u00fb\u00fc\u00fd\u00fe",     # y ú û ü ý þ
}
TCVN3_CAPITALS = {"Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6,
                  "Đ": 0xA7, "đ": 0xAE}
TCVN3_TONE_ORDER = (None, GRAVE, HOOK, TILDE, ACUTE, DOT)


def _tcvn3_table():
    table = dict(TCVN3_CAPITALS)
    for base, row in TCVN3_ROWS.items():
        assert len(row) == 6, base
        for tone, glyph in zip(TCVN3_TONE_ORDER, row):
            ch = unicodedata.normalize("NFC", base + (tone or ""))
            byte = glyph.encode("cp1252")[0]
            if byte >= 0x80:
                table[ch] = byte
    return table


TCVN3_ENC = _tcvn3_table()
TCVN3_RESERVED = set(TCVN3_ENC.values())


def encode_tcvn3(text):
    """Capitals with a tone mark have no code in VN3; they are written with the
    lowercase letter's byte (as typed in an ABC all-capitals font), so decoding
    yields the lowercase letter. See Data/encodings/README.md."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ch in TCVN3_ENC:
            out.append(TCVN3_ENC[ch])
        elif is_vietnamese_letter(ch) and ch.lower() in TCVN3_ENC:
            out.append(TCVN3_ENC[ch.lower()])
        else:
            b = cp1252_encode_char(ch)
            if b[0] in TCVN3_RESERVED:
                raise EncodeError("TCVN3 cannot represent %r (U+%04X)" % (ch, ord(ch)))
            out += b
    return bytes(out)


def tcvn3_expected(text):
    """What a TCVN3 round trip gives back: toned capitals become lowercase."""
    text = unicodedata.normalize("NFC", text)
    return "".join(ch.lower() if is_vietnamese_letter(ch) and ch not in TCVN3_ENC
                   else ch for ch in text)


# ----------------------------------------------------------------------------
# Windows-1258: the code page holds ă â ê ô ơ ư đ (and capitals) and five
# combining tone marks (CC EC DE D2 F2), so a Vietnamese letter is written as
# base-with-modifier + combining tone. We always use the combining tone, even
# where cp1258 also has a precomposed letter (à á è é í ó ù ú ...), which is
# what Vietnamese Windows software writes (UniKey's "WINCP-1258" form).
def to_cp1258_form(text):
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if is_vietnamese_letter(ch) and ch not in "\u0110\u0111":
            base, modifier, tone = split_letter(ch)
            letter = unicodedata.normalize("NFC", base + (modifier or ""))
            out.append(letter + (tone or ""))
        else:
            out.append(ch)
    return "".join(out)


def encode_cp1258(text):
    return to_cp1258_form(text).encode("cp1258")


# ----------------------------------------------------------------------------
# Windows-1252 as browsers and Windows use it: the five bytes the code page
# leaves undefined (81 8D 8F 90 9D) pass through as U+0081 ... U+009D.
CP1252_UNDEFINED = (0x81, 0x8D, 0x8F, 0x90, 0x9D)


def cp1252_decode(data):
    return "".join(chr(b) if b in CP1252_UNDEFINED else bytes([b]).decode("cp1252")
                   for b in data)


def cp1252_encode_char(ch):
    if len(ch) == 1 and ord(ch) in CP1252_UNDEFINED:
        return bytes([ord(ch)])
    try:
        return ch.encode("cp1252")
    except UnicodeEncodeError:
        raise EncodeError("not in Windows-1252: %r (U+%04X)" % (ch, ord(ch)))


def cp1252_encode(text):
    return b"".join(cp1252_encode_char(ch) for ch in text)


def encode_mojibake(text, variant):
    raw = unicodedata.normalize("NFC", text).encode("utf-8")
    if variant == "latin1":
        return raw.decode("latin-1")
    once = cp1252_decode(raw)
    if variant == "cp1252":
        return once
    if variant == "cp1252x2":
        return cp1252_decode(once.encode("utf-8"))
    raise ValueError(variant)


# ----------------------------------------------------------------------------
# VIQR (RFC 1456). Letter = base, then ^ ( or +, then the tone character.
VIQR_MODIFIER = {CIRC: "^", BREVE: "(", HORN: "+"}
VIQR_TONE = {ACUTE: "'", GRAVE: "`", HOOK: "?", TILDE: "~", DOT: "."}
VIQR_MARK_CHARS = "^(+'`?~."
VIQR_VOWELS = "aeiouyAEIOUY"


def encode_viqr(text):
    """Escape rule (conservative, so any RFC 1456 reader gets the text back):
    a mark character that follows a vowel letter (with or without marks) is
    written as backslash + mark; 'd', 'D' and '-' right after d/D are escaped
    too (else 'dd' / 'd-' would read as đ); a literal backslash is doubled."""
    out = []
    prev = ""  # previous source character
    for ch in unicodedata.normalize("NFC", text):
        if ch in "\u0110\u0111":
            if prev in ("d", "D"):
                out[-1] = "\\" + prev        # so 'd' + 'dd' is not read as 'dd' + 'd'
            out.append("dd" if ch == "\u0111" else "DD")
        elif is_vietnamese_letter(ch):
            base, modifier, tone = split_letter(ch)
            out.append(base + VIQR_MODIFIER.get(modifier, "") + VIQR_TONE.get(tone, ""))
        elif ch == "\\":
            out.append("\\\\")
        elif ch in VIQR_MARK_CHARS and prev and (prev in VIQR_VOWELS or is_vietnamese_letter(prev)) \
                and prev not in "\u0110\u0111":
            out.append("\\" + ch)
        elif ch in "dD-" and prev in ("d", "D"):
            out.append("\\" + ch)
        else:
            out.append(ch)
        prev = ch
    return "".join(out)


ENCODERS = {
    "viqr": lambda t: encode_viqr(t).encode("utf-8"),
    "vni": encode_vni,
    "tcvn3": encode_tcvn3,
    "cp1258": encode_cp1258,
    "mojibake-cp1252": lambda t: encode_mojibake(t, "cp1252").encode("utf-8"),
    "mojibake-latin1": lambda t: encode_mojibake(t, "latin1").encode("utf-8"),
    "mojibake-cp1252x2": lambda t: encode_mojibake(t, "cp1252x2").encode("utf-8"),
}


# ============================================================================
# Decoders, driven by Data/encodings/*.tsv (a model of the Swift decoder).
def load_tsv(name):
    path = os.path.join(DATA, name)
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    return header, rows


def byte_table(name):
    """bytes -> character. Where several rows share bytes (TCVN3 capitals),
    the lowercase letter wins, whatever the row order."""
    header, rows = load_tsv(name)
    assert header == ["unicode", "bytes", "name"], header
    table = {}
    for uni, hexes, _ in rows:
        key = bytes(int(h, 16) for h in hexes.split())
        if key not in table or uni.islower():
            table[key] = uni
    return table


def decode_with_table(data, table):
    """Greedy longest match; bytes no row explains decode as Windows-1252."""
    longest = max(len(k) for k in table)
    out, i = [], 0
    while i < len(data):
        for n in range(min(longest, len(data) - i), 0, -1):
            piece = table.get(data[i:i + n])
            if piece is not None:
                out.append(piece)
                i += n
                break
        else:
            out.append(cp1252_decode(data[i:i + 1]))
            i += 1
    return "".join(out)


def decode_viqr(text):
    header, rows = load_tsv("viqr.tsv")
    assert header == ["mark", "ascii", "meaning"], header
    marks = {asc: chr(int(cp[2:], 16)) for cp, asc, _ in rows if len(asc) == 1 and asc != "\\"}
    d_forms = {asc: chr(int(cp[2:], 16)) for cp, asc, _ in rows if len(asc) == 2}
    escapable = set(marks) | {"d", "D", "-", "\\"}
    out = []          # list of NFD clusters
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text) and text[i + 1] in escapable:
            out.append(text[i + 1])
            i += 2
            continue
        if text[i:i + 2] in d_forms:
            out.append(d_forms[text[i:i + 2]])
            i += 2
            continue
        if ch in marks and out:
            cluster = out[-1]
            candidate = cluster + marks[ch]
            if _viqr_can_combine(cluster, marks[ch]):
                out[-1] = candidate
                i += 1
                continue
        out.append(ch)
        i += 1
    return unicodedata.normalize("NFC", "".join(out))


def _viqr_can_combine(cluster, mark):
    if not cluster or cluster[0] not in VIQR_VOWELS:
        return False
    base, rest = cluster[0].lower(), cluster[1:]
    if any(m in TONE_MARKS for m in rest):
        return False                          # already has a tone
    if mark in TONE_MARKS:
        return True
    if rest:                                  # already has ^ ( or +
        return False
    return (mark == CIRC and base in "aeo") or (mark == BREVE and base == "a") \
        or (mark == HORN and base in "ou")


def decode_mojibake(text, variant):
    if variant == "latin1":
        return text.encode("latin-1").decode("utf-8")
    once = cp1252_encode(text).decode("utf-8")
    if variant == "cp1252":
        return once
    return cp1252_encode(once).decode("utf-8")


def decode(form, data):
    if form == "vni":
        return decode_with_table(data, byte_table("vni-windows.tsv"))
    if form == "tcvn3":
        return decode_with_table(data, byte_table("tcvn3.tsv"))
    if form == "cp1258":
        return unicodedata.normalize("NFC", data.decode("cp1258"))
    text = data.decode("utf-8")
    if form == "viqr":
        return decode_viqr(text)
    return decode_mojibake(text, form.split("-", 1)[1])


# ============================================================================
def selftest():
    failures = []

    def expect(label, got, want):
        if got != want:
            failures.append(label)
            pos = next((k for k in range(min(len(got), len(want))) if got[k] != want[k]),
                       min(len(got), len(want)))
            print("FAIL %s at %d: got %r want %r" % (label, pos, got[pos:pos + 20],
                                                     want[pos:pos + 20]), file=sys.stderr)

    # 1. Every letter: independent encoder == table, both directions.
    letters = [r[0] for r in load_tsv("vni-windows.tsv")[1]]
    vni_rows = {r[0]: r[1] for r in load_tsv("vni-windows.tsv")[1]}
    tcvn_rows = {r[0]: r[1] for r in load_tsv("tcvn3.tsv")[1]}
    assert len(letters) == 134 and set(letters) == set(tcvn_rows)
    hx = lambda b: " ".join("%02X" % x for x in b)
    for ch in letters:
        expect("vni table " + ch, hx(encode_vni(ch)), vni_rows[ch])
        expect("tcvn3 table " + ch, hx(encode_tcvn3(ch)), tcvn_rows[ch])
        expect("viqr letter " + ch, decode_viqr(encode_viqr(ch)), ch)
        expect("cp1258 letter " + ch, decode("cp1258", encode_cp1258(ch)), ch)
        for form in ("vni", "mojibake-cp1252", "mojibake-latin1", "mojibake-cp1252x2"):
            expect(form + " letter " + ch, decode(form, ENCODERS[form](ch)), ch)
        expect("tcvn3 letter " + ch, decode("tcvn3", encode_tcvn3(ch)), tcvn3_expected(ch))

    # 2. VIQR escapes.
    for sample in ["Ông tên gì? Tôi tên là Teddy Thụy.", "add D-day odd-even a\\b 'Hà Nội'",
                   "ra... (ơ) u+ e^ dd", "Đ-Đ đd dđ Dđ dĐ ddd"]:
        expect("viqr sample " + sample, decode_viqr(encode_viqr(sample)), sample)

    # 3. Fixtures: files on disk equal a fresh encode, and decode back.
    names = sorted(f[:-len(".utf8.txt")] for f in os.listdir(FIXTURES)
                   if f.endswith(".utf8.txt") and os.path.exists(
                       os.path.join(FIXTURES, f[:-len(".utf8.txt")] + ".vni.bin")))
    if not names:
        failures.append("no fixtures found")
    ext = {"viqr": ".viqr.txt", "vni": ".vni.bin", "tcvn3": ".tcvn3.bin",
           "cp1258": ".cp1258.bin", "mojibake-cp1252": ".mojibake-cp1252.txt",
           "mojibake-latin1": ".mojibake-latin1.txt",
           "mojibake-cp1252x2": ".mojibake-cp1252x2.txt"}
    for name in names:
        with open(os.path.join(FIXTURES, name + ".utf8.txt"), encoding="utf-8") as f:
            text = f.read()
        expect(name + " is NFC", unicodedata.normalize("NFC", text), text)
        for form, suffix in ext.items():
            with open(os.path.join(FIXTURES, name + suffix), "rb") as f:
                data = f.read()
            expect("%s.%s bytes" % (name, form), data, ENCODERS[form](text))
            want = text
            if form == "tcvn3":
                exp = os.path.join(FIXTURES, name + ".tcvn3.expected.txt")
                with open(exp, encoding="utf-8") as f:
                    want = f.read()
                expect(name + " tcvn3.expected", want, tcvn3_expected(text))
            expect("%s.%s round trip" % (name, form), decode(form, data), want)
    print("selftest: %d fixtures, %d letters, %d failures"
          % (len(names), len(letters), len(failures)), file=sys.stderr)
    return 1 if failures else 0


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--to", choices=FORMS, help="encode UTF-8 IN into FORM")
    g.add_argument("--from", dest="from_", choices=FORMS, help="decode IN from FORM")
    g.add_argument("--selftest", action="store_true")
    p.add_argument("paths", nargs="*", metavar="IN OUT")
    args = p.parse_args(argv)
    if args.selftest:
        return selftest()
    if len(args.paths) != 2:
        p.error("give IN and OUT paths")
    src, dst = args.paths
    with open(src, "rb") as f:
        data = f.read()
    try:
        if args.to:
            result = ENCODERS[args.to](data.decode("utf-8"))
        else:
            result = decode(args.from_, data).encode("utf-8")
    except (EncodeError, UnicodeError) as e:
        print("error: %s" % e, file=sys.stderr)
        return 2
    with open(dst, "wb") as f:
        f.write(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
