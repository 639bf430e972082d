#!/usr/bin/env python3
"""Generate Data/encodings/{vni-windows,tcvn3,viqr}.tsv.

This generator is the thing to edit; never hand-edit the .tsv output.
Stdlib only. Run from anywhere:  python3 tools/encodings/make_tables.py

Provenance of every literal below is in Data/encodings/README.md. In short:
  * VNI_WINDOWS is written as (mark_byte << 8 | base_byte) words, the layout
    UniKey's VnConv library (data.cpp, DoubleByteTables "VNI-WIN") uses; values
    were checked against UniKey, xvnkb (vni.h) and duydev/vietnamese-conversion.
  * TCVN3_BY_BYTE is the TCVN 5712:1993 VN3 repertoire written byte-first; the
    67 lowercase letters and 7 toneless capitals were checked against GNU
    libiconv (tcvn.h, the VN1 superset), UniKey (TCVN3 table) and xvnkb (tcvn.h).
The independent encoder (legacy_encode.py) derives the same bytes a different way
and its --selftest decodes the fixtures with the tables written here.
"""
import os
import sys
import unicodedata

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT_DIR = os.path.join(ROOT, "Data", "encodings")

# Vietnamese order of the six tones: ngang, huyen, hoi, nga, sac, nang.
TONES = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]
# Vowel bases in alphabetical order, each a lowercase NFC string.
VOWEL_BASES = ["a", "\u0103", "\u00e2", "e", "\u00ea", "i", "o", "\u00f4", "\u01a1",
               "u", "\u01b0", "y"]


def vietnamese_letters():
    """All 134 Vietnamese letters with marks, lowercase before its capital.

    Order: a ă â đ e ê i o ô ơ u ư y; within a base: toneless, grave, hook,
    tilde, acute, dot below. Bare a e i o u y are skipped (no mark)."""
    out = []
    for base in VOWEL_BASES:
        if base == "e":
            out += ["\u0111", "\u0110"]          # đ Đ sort after the a-group
        for tone in TONES:
            low = unicodedata.normalize("NFC", base + tone)
            if low in "aeiouy":
                continue
            out += [low, low.upper()]
    assert len(out) == 134 and len(set(out)) == 134, len(out)
    assert all(len(c) == 1 for c in out)
    return out


# --------------------------------------------------------------------------
# VNI-Windows: each value is (mark << 8) | base; a value < 0x100 is one byte.
# Lowercase letters first, then the capital with the same layout.
VNI_WINDOWS = {
    # a
    "á": 0xF961, "à": 0xF861, "ả": 0xFB61, "ã": 0xF561, "ạ": 0xEF61,
    "Á": 0xD941, "À": 0xD841, "Ả": 0xDB41, "Ã": 0xD541, "Ạ": 0xCF41,
    # â
    "â": 0xE261, "ấ": 0xE161, "ầ": 0xE061, "ẩ": 0xE561, "ẫ": 0xE361, "ậ": 0xE461,
    "Â": 0xC241, "Ấ": 0xC141, "Ầ": 0xC041, "Ẩ": 0xC541, "Ẫ": 0xC341, "Ậ": 0xC441,
    # ă
    "ă": 0xEA61, "ắ": 0xE961, "ằ": 0xE861, "ẳ": 0xFA61, "ẵ": 0xFC61, "ặ": 0xEB61,
    "Ă": 0xCA41, "Ắ": 0xC941, "Ằ": 0xC841, "Ẳ": 0xDA41, "Ẵ": 0xDC41, "Ặ": 0xCB41,
    # đ
    "đ": 0x00F1, "Đ": 0x00D1,
    # e
    "é": 0xF965, "è": 0xF865, "ẻ": 0xFB65, "ẽ": 0xF565, "ẹ": 0xEF65,
    "É": 0xD945, "È": 0xD845, "Ẻ": 0xDB45, "Ẽ": 0xD545, "Ẹ": 0xCF45,
    # ê
    "ê": 0xE265, "ế": 0xE165, "ề": 0xE065, "ể": 0xE565, "ễ": 0xE365, "ệ": 0xE465,
    "Ê": 0xC245, "Ế": 0xC145, "Ề": 0xC045, "Ể": 0xC545, "Ễ": 0xC345, "Ệ": 0xC445,
    # i: single bytes
    "í": 0x00ED, "ì": 0x00EC, "ỉ": 0x00E6, "ĩ": 0x00F3, "ị": 0x00F2,
    "Í": 0x00CD, "Ì": 0x00CC, "Ỉ": 0x00C6, "Ĩ": 0x00D3, "Ị": 0x00D2,
    # o
    "ó": 0xF96F, "ò": 0xF86F, "ỏ": 0xFB6F, "õ": 0xF56F, "ọ": 0xEF6F,
    "Ó": 0xD94F, "Ò": 0xD84F, "Ỏ": 0xDB4F, "Õ": 0xD54F, "Ọ": 0xCF4F,
    # ô
    "ô": 0xE26F, "ố": 0xE16F, "ồ": 0xE06F, "ổ": 0xE56F, "ỗ": 0xE36F, "ộ": 0xE46F,
    "Ô": 0xC24F, "Ố": 0xC14F, "Ồ": 0xC04F, "Ổ": 0xC54F, "Ỗ": 0xC34F, "Ộ": 0xC44F,
    # ơ: base byte F4 / D4
    "ơ": 0x00F4, "ớ": 0xF9F4, "ờ": 0xF8F4, "ở": 0xFBF4, "ỡ": 0xF5F4, "ợ": 0xEFF4,
    "Ơ": 0x00D4, "Ớ": 0xD9D4, "Ờ": 0xD8D4, "Ở": 0xDBD4, "Ỡ": 0xD5D4, "Ợ": 0xCFD4,
    # u
    "ú": 0xF975, "ù": 0xF875, "ủ": 0xFB75, "ũ": 0xF575, "ụ": 0xEF75,
    "Ú": 0xD955, "Ù": 0xD855, "Ủ": 0xDB55, "Ũ": 0xD555, "Ụ": 0xCF55,
    # ư: base byte F6 / D6
    "ư": 0x00F6, "ứ": 0xF9F6, "ừ": 0xF8F6, "ử": 0xFBF6, "ữ": 0xF5F6, "ự": 0xEFF6,
    "Ư": 0x00D6, "Ứ": 0xD9D6, "Ừ": 0xD8D6, "Ử": 0xDBD6, "Ữ": 0xD5D6, "Ự": 0xCFD6,
    # y: dot below is a single byte (EE / CE), the rest are y + mark
    "ý": 0xF979, "ỳ": 0xF879, "ỷ": 0xFB79, "ỹ": 0xF579, "ỵ": 0x00EE,
    "Ý": 0xD959, "Ỳ": 0xD859, "Ỷ": 0xDB59, "Ỹ": 0xD559, "Ỵ": 0x00CE,
}


def vni_bytes(word):
    if word < 0x100:
        return bytes([word])
    return bytes([word & 0xFF, word >> 8])


# --------------------------------------------------------------------------
# TCVN3 (TCVN 5712:1993 VN3, "ABC"): byte -> letter. Bytes not listed here
# keep their Windows-1252 meaning (0x00-0x7F ASCII, 0x80-0x9F cp1252
# punctuation as used by .VnTime fonts, 0xA0 NBSP).
TCVN3_BY_BYTE = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ",
    0xC6: "ặ", 0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ",
    0xD0: "é", 0xD1: "ẹ", 0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}


def tcvn3_encoding_of(ch):
    """Bytes for one letter. A capital with no code of its own (the 60 capitals
    carrying a tone mark) shares its lowercase letter's byte: in ABC documents
    it was typed with that byte in an all-capitals font (.VnTimeH)."""
    inverse = {v: k for k, v in TCVN3_BY_BYTE.items()}
    if ch in inverse:
        return bytes([inverse[ch]])
    return bytes([inverse[ch.lower()]])


# --------------------------------------------------------------------------
# VIQR (RFC 1456, section "VIQR"): mark characters.
VIQR_ROWS = [
    # (code point of what the ASCII stands for, ASCII, meaning)
    ("U+0306", "(", "COMBINING BREVE (dau trang): a( = \u0103; only after a/A"),
    ("U+0302", "^", "COMBINING CIRCUMFLEX ACCENT (dau mu): a^ e^ o^ = \u00e2 \u00ea \u00f4"),
    ("U+031B", "+", "COMBINING HORN (dau moc): o+ u+ = \u01a1 \u01b0"),
    ("U+0301", "'", "COMBINING ACUTE ACCENT, tone sac: a' = \u00e1"),
    ("U+0300", "`", "COMBINING GRAVE ACCENT, tone huyen: a` = \u00e0"),
    ("U+0309", "?", "COMBINING HOOK ABOVE, tone hoi: a? = \u1ea3"),
    ("U+0303", "~", "COMBINING TILDE, tone nga: a~ = \u00e3"),
    ("U+0323", ".", "COMBINING DOT BELOW, tone nang: a. = \u1ea1"),
    ("U+0111", "dd", "LATIN SMALL LETTER D WITH STROKE (RFC 1456); encoder output"),
    ("U+0110", "DD", "LATIN CAPITAL LETTER D WITH STROKE (RFC 1456); encoder output"),
    ("U+0110", "Dd", "LATIN CAPITAL LETTER D WITH STROKE; accepted on input only (common variant)"),
    ("U+0111", "d-", "LATIN SMALL LETTER D WITH STROKE; accepted on input only (older Vietnet form, not RFC 1456)"),
    ("U+0110", "D-", "LATIN CAPITAL LETTER D WITH STROKE; accepted on input only (older Vietnet form, not RFC 1456)"),
    ("U+005C", "\\", "escape, not a mark: the next character is literal if it is one of ( ^ + ' ` ? ~ . d D - \\; otherwise the backslash itself is literal"),
]


def name_of(ch):
    return unicodedata.name(ch)


def write_tsv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\t".join(header) + "\n")
        for row in rows:
            f.write("\t".join(row) + "\n")


def hexes(b):
    return " ".join("%02X" % x for x in b)


def main():
    letters = vietnamese_letters()
    assert set(VNI_WINDOWS) == set(letters), set(letters) ^ set(VNI_WINDOWS)
    tcvn_letters = set(TCVN3_BY_BYTE.values())
    assert len(tcvn_letters) == 74 and tcvn_letters <= set(letters)

    vni_rows = [(c, hexes(vni_bytes(VNI_WINDOWS[c])), name_of(c)) for c in letters]
    assert len({r[1] for r in vni_rows}) == 134, "VNI byte sequences must be unique"
    tcvn_rows = [(c, hexes(tcvn3_encoding_of(c)), name_of(c)) for c in letters]
    viqr_rows = [(m, a, meaning) for m, a, meaning in VIQR_ROWS]

    os.makedirs(OUT_DIR, exist_ok=True)
    write_tsv(os.path.join(OUT_DIR, "vni-windows.tsv"), ["unicode", "bytes", "name"], vni_rows)
    write_tsv(os.path.join(OUT_DIR, "tcvn3.tsv"), ["unicode", "bytes", "name"], tcvn_rows)
    write_tsv(os.path.join(OUT_DIR, "viqr.tsv"), ["mark", "ascii", "meaning"], viqr_rows)
    print("wrote", len(vni_rows), "VNI rows,", len(tcvn_rows), "TCVN3 rows,",
          len(viqr_rows), "VIQR rows", file=sys.stderr)


if __name__ == "__main__":
    main()
