#!/usr/bin/env python3
"""Writes Resources/reference/demonyms.tsv from the country reference (countries.json,
mledoze/countries, ODbL 1.0): one-word English demonyms of each state with its names."""
import json, re, sys, unicodedata

countries = json.load(open(sys.argv[1]))
known = {}
for line in open("Resources/reference/countries.tsv"):
    if not line.startswith("#"):
        cols = line.rstrip("\n").split("\t")
        known[cols[0]] = cols[1]

def fold(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)).lower()

rows = {}
for c in countries:
    dem = c.get("demonyms", {}).get("eng")
    if not dem:
        continue
    names = [c["name"]["common"]]
    if c["cca3"] in known and known[c["cca3"]] not in names:
        names.append(known[c["cca3"]])
    for form in {dem.get("m", "").strip(), dem.get("f", "").strip()}:
        # One word only: search expands a single typed word.
        if form and re.fullmatch(r"[^\W\d_]+", form) and fold(form) not in [fold(n) for n in names]:
            rows.setdefault((fold(form), c["cca3"]), (form, names))

print("# Demonyms and adjectives of states (English, one word), from countries.json (mledoze/countries at")
print("# commit 5e9f370, ODbL 1.0: see LICENSE-countries.md), for search: 'Kazakhstani' finds Kazakhstan.")
print("# Columns: demonym as written, ISO 3166-1 alpha-3, names of the state (separated by |): the")
print("# reference's common name, then the name countries.tsv gives when it differs.")
print("# Rebuilt with: python3 Resources/reference/make-demonyms.py COUNTRIES_JSON > Resources/reference/demonyms.tsv")
for (_, iso), (form, names) in sorted(rows.items()):
    print(f"{form}\t{iso}\t{'|'.join(names)}")
