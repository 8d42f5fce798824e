#!/usr/bin/env python3
"""Regenerates countries.tsv: every ISO 3166-1 entity of mledoze/countries
(countries.json, ODbL 1.0: ../shared/data/reference/SOURCES.md) with its common and
official names and Latin-script alternative spellings, plus the spellings the
datasets use (kept in this script, below) and Kosovo under XKX, the code ACLED and
the World Bank use (countries.json has UNK).

usage: python3 make-countries.py ../../../shared/data/reference/countries.json > countries.tsv
"""
import json
import sys
import unicodedata

# Spellings of the datasets (UN lists, Geo-PKO, the veto list, UCDP, ACLED, GDELT),
# by alpha-3; the first name of an entity already shipped stays its title.
DATASETS = {
    "BHS": ["Bahamas", "The Bahamas"],
    "BOL": ["Bolivia", "Plurinational State of Bolivia"],
    "BIH": ["Bosnia and Herzegovina", "Bosnia-Herzegovina"],
    "BRN": ["Brunei", "Brunei Darussalam"],
    "CPV": ["Cabo Verde", "Cape Verde"],
    "KHM": ["Cambodia", "Cambodia (Kampuchea)"],
    "CAF": ["Central African Republic", "CAR"],
    "CHN": ["China", "People's Republic of China"],
    "COG": ["Congo", "Republic of the Congo", "Republic of Congo", "Congo-Brazzaville", "Congo, Republic of", "Congo (Brazzaville)"],
    "COD": ["Democratic Republic of the Congo", "DR Congo", "DRC", "Drc", "DR Congo (Zaire)", "Democratic Republic of Congo",
            "Congo-Kinshasa", "Zaire", "Congo, Democratic Republic of", "Congo (Kinshasa)", "Congo, DRC"],
    "CIV": ["Côte d'Ivoire", "Cote d'Ivoire", "Ivory Coast", "Cote D'Ivoire"],
    "CZE": ["Czechia", "Czech Republic"],
    "SWZ": ["Eswatini", "Swaziland", "Kingdom of eSwatini (Swaziland)", "eSwatini"],
    "GMB": ["Gambia", "The Gambia"],
    "IRN": ["Iran", "Islamic Republic of Iran"],
    "KAZ": ["Kazakhstan", "Republic of Kazakhstan"],
    "PRK": ["North Korea", "Democratic People's Republic of Korea", "DPRK", "Korea (DPRK)", "Korea, North"],
    "KOR": ["South Korea", "Republic of Korea", "Korea", "Korea (ROK)", "ROK", "Korea, South"],
    "KGZ": ["Kyrgyzstan", "Kyrgyz Republic"],
    "LAO": ["Laos", "Lao People's Democratic Republic", "Lao PDR"],
    "MDG": ["Madagascar", "Madagascar (Malagasy)"],
    "FSM": ["Micronesia", "Federated States of Micronesia"],
    "MDA": ["Moldova", "Republic of Moldova"],
    "MMR": ["Myanmar", "Myanmar (Burma)", "Burma"],
    "NLD": ["Netherlands", "Kingdom of the Netherlands"],
    "MKD": ["North Macedonia", "Macedonia", "Macedonia, FYR"],
    "PSE": ["Palestine", "State of Palestine"],
    "RUS": ["Russia", "Russian Federation", "Russia (Soviet Union)"],
    "SRB": ["Serbia", "Serbia (Yugoslavia)"],
    "SYR": ["Syria", "Syrian Arab Republic"],
    "TZA": ["Tanzania", "United Republic of Tanzania"],
    "TLS": ["Timor-Leste", "East Timor"],
    "TUR": ["Türkiye", "Turkey", "Turkiye"],
    "ARE": ["United Arab Emirates", "UAE"],
    "GBR": ["United Kingdom", "UK", "Britain", "Great Britain", "United Kingdom of Great Britain and Northern Ireland"],
    "USA": ["United States", "USA", "US", "Us", "United States of America"],
    "VNM": ["Vietnam", "Viet Nam"],
    "YEM": ["Yemen", "Yemen (North Yemen)"],
    "XKX": ["Kosovo", "Republic of Kosovo", "UNK", "XK"],
    "PRI": ["Puerto Rico"],
    "CUW": ["Curaçao", "Curacao"],
}
# States that are no more, which the datasets still name.
FORMER = [("SUN", ["Soviet Union", "USSR", "Union of Soviet Socialist Republics"])]


def key(s):
    s = unicodedata.normalize("NFKD", s.casefold())
    return "".join(c for c in s if not unicodedata.combining(c))


def latin(s):
    return all(ord(c) < 0x250 for c in s)


def main(path):
    entities = json.load(open(path, encoding="utf-8"))
    rows = []
    for c in entities:
        code = "XKX" if c["cca3"] == "UNK" else c["cca3"]
        names = DATASETS.get(code, [c["name"]["common"]])
        names = names + [c["name"]["common"], c["name"]["official"]]
        names += [a for a in c.get("altSpellings", []) if len(a) > 2 and latin(a)]
        rows.append((code, names))
    rows += FORMER
    taken = {}
    out = ["# ISO 3166-1 alpha-3, English short name, other spellings the datasets use (separated by |).",
           "# Importers merge states across datasets by the alpha-3 code. Kosovo is XKX (ACLED, World Bank).",
           "# Made by make-countries.py from mledoze/countries countries.json (ODbL 1.0, see LICENSE-countries.md)",
           "# and the datasets' own spellings."]
    for code, names in sorted(rows, key=lambda r: key(r[1][0])):
        kept = []
        for n in names:
            k = key(n)
            if k in taken and taken[k] != code:
                print(f"{code}: '{n}' is already {taken[k]}'s, left out", file=sys.stderr)
                continue
            if k in taken:
                continue
            taken[k] = code
            kept.append(n)
        out.append("\t".join([code, kept[0], "|".join(kept[1:])]).rstrip("\t"))
    print("\n".join(out))


main(sys.argv[1])
