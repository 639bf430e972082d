#!/usr/bin/env python3
"""Reads a TBX file with translate-toolkit (an independent TBX reader) and
prints one line per term: ENTRY_ID <tab> LANG <tab> TEXT <tab> ADMINISTRATIVE_STATUS.
Used by NomenCLITests (GlossaryCommandTests) to check nomen's TBX export."""
import sys

from translate.storage import tbx
from translate.storage.lisa import getXMLlang


def main(path):
    with open(path, "rb") as handle:
        store = tbx.tbxfile(handle.read())
    for unit in store.units:
        for language in unit.getlanguageNodes():
            lang = getXMLlang(language)
            for term in unit.get_target_terms(lang):
                print(f"{unit.getid()}\t{lang}\t{term.text}\t{term.administrative_status or ''}")


if __name__ == "__main__":
    main(sys.argv[1])
