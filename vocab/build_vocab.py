#!/usr/bin/env python3
"""Derives imr's compact vocabulary files from the official releases.

    python3 vocab/build_vocab.py ../shared/data/vocab vocab/

Reads the public-domain files that ../shared/data/vocab/README.md describes
(ICD-10-CM FY2026 order file, the FY2025 Alphabetic Index flattened, the ICD-10-CM
Table of Drugs and Chemicals, Drugs@FDA products of July 2018, HCPCS Level II 2019)
and writes, sorted and deterministic:

  icd10cm_terms.tsv     term, ICD-10-CM code, problem type: every way the index and the
                        code titles name a disease, injury, sign or symptom
  fda_drug_names.tsv    drug name, generic ingredients, name kind, drug class
  hcpcs_terms.tsv       equipment, orthoses and procedures HCPCS Level II names, and the
                        drugs its J codes name
  drug_tcodes.tsv       generic substance, ICD-10-CM adverse-effect category (T36-T50)

The curated tables beside them (anatomy.tsv, drugs.tsv, ...) are written by hand and
read by this script only to give Drugs@FDA names their class. Standard library only,
plus /usr/share/dict/words (Debian's wamerican) to recognise brand names that are
ordinary English words.
"""
import csv
import os
import re
import sys

# ---------------------------------------------------------------- helpers

CONNECTORS = ("with ", "without ", "due to ", "in ", "of ", "following ", "after ", "from ",
              "by ", "during ", "complicating ", "affecting ", "involving ", "associated with ",
              "on ", "at ", "to ", "as ", "for ", "resulting ", "not ", "and ", "or ")


def clean(term):
    """Drops nonessential modifiers and filler the index and titles carry."""
    t = re.sub(r"\([^)]*\)", " ", term)
    t = re.sub(r"\[[^\]]*\]", " ", t)
    t = re.sub(r"\b(NEC|NOS)\b", " ", t)
    t = t.replace("\u2019", "'")
    t = re.sub(r"\s+", " ", t).strip(" ,;-")
    return t


def variants_of_main(term):
    """A main term's surface forms: "Abdomen, abdominal" names one thing two
    ways; "Fracture, traumatic" is the index's inversion of "traumatic fracture"."""
    t = clean(term)
    if ", " not in t:
        return [t], t
    head, rest = t.split(", ", 1)
    parts = [head] + [p.strip() for p in rest.split(", ")]
    if all(p[:4].lower() == head[:4].lower() for p in parts):
        return parts, head
    inverted = " ".join(reversed(parts))
    return [inverted, head], head


DANGLING = {"with", "without", "by", "of", "following", "from", "or", "to", "a", "an", "the", "in", "and",
            "during", "after", "due", "on", "at", "for", "as", "not"}

ADJECTIVE_ENDINGS = ("ive", "al", "ic", "ous", "ed", "ar", "ary", "ory", "ent", "ant", "oid", "ile")


def sub_variants(sub):
    """A subterm's surface forms: "atrial or auricular" names two; "cervical region"
    is what text calls "cervical"; "epigastric, epigastrium" names one thing twice."""
    if ", " in sub:
        return variants_of_main(sub)[0]
    parts = sub.split(" or ")
    if len(parts) > 1 and all(len(p.split()) == 1 for p in parts):
        return parts
    sub = re.sub(r" (region|site)$", "", sub)
    return [sub]


def compose(parent, sub, level):
    """Index subterm under its parent as text writes it: "low" under "back pain"
    is "low back pain"; "with effusion" follows; an adjectival main term leads
    ("degenerative" + "disc disease")."""
    if sub.lower().startswith(CONNECTORS):
        return [f"{parent} {sub}"]
    if level == 1 and " " not in parent and parent.lower().endswith(ADJECTIVE_ENDINGS):
        return [f"{parent} {sub}"]
    out = [f"{sub} {parent}"]
    if level == 1:
        out.append(f"{parent} of {sub}")
    return out


def usable(term):
    words = term.split()
    if not words or len(words) > 8:
        return False
    low = term.lower()
    if "see " in low or "code to" in low or "specified" in low or "by site" in low or "- " in term:
        return False
    # A subterm composed under its parent can end in a connector ("xanthoma of
    # with", "... with weight of"): words no text writes.
    if words[-1].lower() in DANGLING:
        return False
    # A term of letters alone shorter than four ("h", "aid") is an abbreviation or a
    # fragment, not a name of a condition.
    return re.search(r"[a-z]{4,}", low) is not None


def code_ok(code):
    return bool(code) and code[0] not in "VWXYZ"


# Words that make a term a symptom whatever chapter codes it ("pain in right knee" is
# coded among the joint disorders, M25.561).
SYMPTOM_WORDS = {"pain", "ache", "aches", "numbness", "tingling", "stiffness", "swelling", "weakness",
                 "tenderness", "cramp", "cramps", "spasm", "spasms", "discomfort"}


def problem_type(code, term=""):
    if SYMPTOM_WORDS.intersection(term.lower().split()):
        return "sign_symptom"
    return chapter_type(code)


def chapter_type(code):
    c = code.replace(".", "")
    if c[0] == "R":
        return "finding" if int(c[1:3]) >= 70 else "sign_symptom"
    if c[0] in "ST":
        return "injury"
    return "disease"


def tidy_code(code):
    code = code.strip().rstrip("-").rstrip(".")
    return code


# ---------------------------------------------------------------- ICD-10-CM

def index_terms(path, english):
    rows = list(csv.reader(open(path, encoding="utf-8", errors="replace")))[1:]
    # Paths (main head, sub1, sub2, ...) -> code, to resolve "See" references.
    by_path = {}
    stack = []
    entries = []  # (level, term, see, code, path)
    for row in rows:
        _, _, level, term, see, _, _, code = row
        level = int(level)
        stack = stack[:level] + [clean(term).lower()]
        by_path[tuple(stack)] = tidy_code(code)
        entries.append((level, term, see, tidy_code(code), tuple(stack)))

    def resolve(see):
        parts = [p.strip().lower() for p in clean(see).split(",")]
        for cut in range(len(parts), 0, -1):
            main = ", ".join(parts[:cut])
            path = (main,) + tuple(parts[cut:])
            if path in by_path and by_path[path]:
                return by_path[path]
        return ""

    # A term that names no code itself ("Coagulopathy", "Herniation") still names
    # a condition when codes of conditions sit under it: it gets the type most of
    # them have and no code. One whose codes are all factors or external causes
    # (Z, V-Y) names none, nor does a pointer to "condition" (an anatomy word).
    descendant_types = {}
    stack_index = []
    for k, (level, term, see, code, _) in enumerate(entries):
        stack_index = stack_index[:level] + [k]
        if code and code_ok(code):
            for anc in stack_index[:-1]:
                descendant_types.setdefault(anc, []).append(chapter_type(code))
    raw = list(csv.reader(open(path, encoding="utf-8", errors="replace")))[1:]

    out = []
    forms = []  # surface forms of the current path, per level
    heads = []
    for k, (level, term, see, code, _) in enumerate(entries):
        if not code and see:
            code = resolve(see)
        if level == 0:
            variants, head = variants_of_main(term)
            forms = [variants]
            heads = [head]
        else:
            sub = clean(term)
            forms = forms[:level]
            heads = heads[:level]
            if len(forms) < level:
                continue
            made = []
            for s in sub_variants(sub):
                if not usable(s):
                    continue
                for parent in forms[level - 1][:2]:
                    made.extend(compose(parent, s, level))
            forms.append(made)
            heads.append(heads[-1] if heads else "")
        if code_ok(code):
            for f in forms[-1]:
                if usable(f):
                    out.append((f, code, problem_type(code, f)))
        elif level <= 1 and k in descendant_types and "condition" not in (raw[k][4].lower(), raw[k][5].lower()):
            types = descendant_types[k]
            common = max(sorted(set(types)), key=types.count)  # ties: the first by name
            for f in forms[-1]:
                # A single ordinary word ("failure", "growth", "delay") or a name
                # ("California") says too little without its code; the curated
                # problems.tsv names the ones that do.
                if usable(f) and not (" " not in f and f.lower() in english):
                    out.append((f, "", common))
    return out


def order_terms(path):
    out = []
    for line in open(path, encoding="ascii", errors="replace"):
        line = line.rstrip("\r\n")
        if len(line) < 78:
            continue
        code = line[6:13].strip()
        code = code[:3] + ("." + code[3:] if len(code) > 3 else "")
        desc = line[77:]
        if not code_ok(code):
            continue
        d = re.sub(r",? (initial|subsequent) encounter.*$|,? sequela.*$", "", desc)
        d = re.sub(r",? not elsewhere classified|,? unspecified\b|\bunspecified |,? of unspecified \w+", "", d)
        d = re.sub(r"\bof (right|left|bilateral)\b", r"of \1", d)
        d = clean(d)
        if usable(d):
            out.append((d, code, problem_type(code, d)))
        # "Unilateral primary osteoarthritis, right knee": the condition before the site.
        if ", " in d:
            head = d.split(", ")[0]
            if usable(head):
                out.append((head, code, problem_type(code, head)))
    return out


# ---------------------------------------------------------------- drugs

SALTS = {
    "hydrochloride", "hcl", "sodium", "potassium", "sulfate", "bitartrate", "maleate", "citrate",
    "tartrate", "succinate", "besylate", "mesylate", "fumarate", "acetate", "phosphate", "bromide",
    "chloride", "hydrobromide", "disodium", "dihydrate", "monohydrate", "hyclate", "calcium",
    "magnesium", "trihydrate", "anhydrous", "dipropionate", "propionate", "valerate", "hemihydrate",
    "tromethamine", "pamoate", "lactate", "gluconate", "hydrate", "sesquihydrate", "micronized",
    "xinafoate", "furoate", "benzoate", "nitrate", "decanoate", "enanthate", "cypionate", "mononitrate",
    "dinitrate", "bisulfate", "napsylate", "oxalate", "salicylate", "estolate", "stearate",
    "ethylsuccinate", "palmitate", "tosylate", "dimesylate", "malate", "erbumine", "medoxomil",
    "axetil", "pivoxil", "hydroxide", "carbonate", "oxide", "aspartate", "saccharate", "edisylate",
}
# A salt word that is the drug itself when it stands alone.
SALT_DRUGS = {"calcium carbonate", "magnesium oxide", "potassium chloride", "sodium chloride",
              "sodium bicarbonate", "magnesium hydroxide", "calcium acetate", "magnesium sulfate",
              "calcium chloride", "calcium gluconate", "magnesium citrate", "potassium citrate"}
MARKETING = re.compile(
    r"\b(in plastic container|preservative free|in dextrose.*|in sodium chloride.*|kit|"
    r"allergy|hives relief|hives|cold and sinus|pm|er|xr|sr|cr|xl|la|cd|ds|odt|hcl)$")


# Ingredients Drugs@FDA lists that a note names as something else: elements and
# everyday substances (social history's alcohol, a lab's potassium).
NOT_A_MEDICATION = {"alcohol", "potassium", "sodium", "calcium", "magnesium", "iron", "zinc", "oxygen",
                    "nitrogen", "water", "sulfur", "iodine", "carbon dioxide", "helium", "talc", "air",
                    "dehydrated alcohol", "ethanol", "sucrose", "glucose", "dextrose", "lactose", "cocaine",
                    "methamphetamine", "barium", "fluorine", "copper", "chromium", "selenium", "manganese"}


def generic_name(ingredient):
    words = ingredient.lower().split()
    while len(words) > 1 and words[-1] in SALTS and " ".join(words) not in SALT_DRUGS:
        words.pop()
    return " ".join(words)


def dictionary_words():
    """Every word of the dictionary, proper names included, lower-cased."""
    try:
        return {w.strip().lower() for w in open("/usr/share/dict/words", encoding="utf-8", errors="ignore")
                if w.strip().isalpha()}
    except OSError:
        sys.exit("build_vocab: /usr/share/dict/words is missing (apt-get install wamerican)")


def english_words():
    try:
        # Lower-case entries only: the capitalized ones are proper names, brands among them.
        return {w.strip() for w in open("/usr/share/dict/words", encoding="utf-8", errors="ignore")
                if w.strip().isalpha() and w.strip().islower()}
    except OSError:
        sys.exit("build_vocab: /usr/share/dict/words is missing (apt-get install wamerican)")


def read_curated_drugs(path):
    """generic -> class, and every curated name, from drugs.tsv."""
    classes, names = {}, set()
    lines = (l for l in open(path, encoding="utf-8") if not l.startswith("#"))
    for row in csv.DictReader(lines, delimiter="\t"):
        if row["generic"]:
            classes.setdefault(row["generic"], row["class"])
        for n in row["names"].split("|"):
            names.add(n.strip().lstrip("=").lower())
    return classes, names


def read_tcode_classes(path):
    out = []
    for row in csv.DictReader((l for l in open(path, encoding="utf-8") if not l.startswith("#")), delimiter="\t"):
        out.append((row["tcode"], row["class"]))
    out.sort(key=lambda r: -len(r[0]))  # most specific prefix first
    return out


def drug_tcodes(path):
    out = {}
    lines = open(path, encoding="utf-8", errors="replace").read().splitlines()[2:]
    for row in csv.reader(lines):
        if len(row) < 6:
            continue
        substance = clean(row[0]).lower()
        adverse = row[5].strip()
        if not re.match(r"^T(3[6-9]|4[0-9]|50)\.", adverse) or not substance:
            continue
        if "," in substance or len(substance.split()) > 4:
            continue
        out.setdefault(substance, adverse[:5])
    return out


def class_of(generic, curated, tcodes, tclasses):
    parts = generic.split("/")
    for p in parts:
        if p in curated and curated[p] != "other":
            return curated[p]
    for p in parts:
        t = tcodes.get(p)
        if t:
            for prefix, cls in tclasses:
                if t.startswith(prefix):
                    return cls
    return "other"


def fda_names(path, curated, curated_names, tcodes, tclasses, english):
    rows = {}
    bases = {}
    for row in csv.DictReader(open(path, encoding="latin-1"), delimiter="\t"):
        ingredients = [generic_name(i) for i in re.split(r"; |/", row["ActiveIngredient"]) if i.strip()]
        ingredients = sorted(set(i for i in ingredients if i))
        if not ingredients or len(ingredients) > 4:
            continue
        generic = "/".join(ingredients)
        for ing in ingredients:
            if re.fullmatch(r"[a-z][a-z -]{2,40}", ing) and ing not in NOT_A_MEDICATION:
                rows.setdefault(ing, (ing, "generic"))
        name = MARKETING.sub("", row["DrugName"].lower()).strip()
        name = MARKETING.sub("", name).strip(" -,.")
        if not re.fullmatch(r"[a-z][a-z0-9 -]{2,30}", name) or len(name.split()) > 3:
            continue
        if name in rows:
            continue
        if generic_name(name) in ingredients or name == generic.replace("/", " and "):
            continue
        # A brand that is an ordinary word ("Today", "Clear") is left to the curated table.
        if all(w in english for w in name.split()) and name not in curated_names:
            continue
        rows[name] = (generic, "brand")
        # "Duramorph PF", "Detrol LA", "Advair HFA": the brand's first word names it too.
        first = name.split()[0]
        if " " in name and len(first) >= 5 and first not in english and first not in curated_names:
            bases.setdefault(first, set()).add(generic)
    for first, generics in bases.items():
        if len(generics) == 1 and first not in rows:
            rows[first] = (generics.pop(), "brand")
    out = []
    for name, (generic, kind) in rows.items():
        out.append((name, generic, kind, class_of(generic, curated, tcodes, tclasses)))
    return sorted(out)


# ---------------------------------------------------------------- HCPCS

DEVICE_NOUNS = {"orthosis", "orthose", "brace", "splint", "cane", "crutche", "crutch", "walker", "wheelchair",
                "collar", "pump", "bed", "mattress", "stimulator", "cushion", "boot", "chair", "commode",
                "monitor", "prosthesi", "prosthesis", "nebulizer", "compressor", "humidifier", "concentrator",
                "ventilator", "sling", "unit", "device", "lift", "rail", "trapeze", "glove", "stocking",
                "garment", "pad", "harness", "scooter", "traction", "belt", "binder", "shoe", "insert",
                "implant", "catheter", "dressing", "tens"}


def hcpcs_terms(path):
    """First clause of each HCPCS long description for equipment (E), orthoses and
    prostheses (L) and the drug an injection J code names."""
    longs = {}
    for line in open(path, encoding="latin-1"):
        if len(line) < 92 or not re.match(r"[A-Z]\d{4}", line[:5]):
            continue
        code, rid = line[:5], line[10]
        if rid not in "34":
            continue
        longs[code] = (longs.get(code, "") + " " + line[11:91].strip()).strip()
    out = []
    for code, desc in sorted(longs.items()):
        desc = re.sub(r"\s+", " ", desc)
        if code[0] == "J":
            m = re.match(r"Injection,? ([a-z][a-z -]+?)(?:,| \(| for | per | \d)", desc, re.I)
            if m:
                out.append((generic_name(m.group(1).strip()), code, "drug"))
        elif code[0] in "EL":
            head = clean(desc.split(",")[0])
            # Only what names a device: "ankle", "back" or "addition" alone are parts of a
            # code's wording, not equipment a note would name.
            if 1 <= len(head.split()) <= 5 and re.fullmatch(r"[A-Za-z][A-Za-z /-]+", head) and \
                    head.lower().split()[-1].rstrip("s") in DEVICE_NOUNS:
                out.append((head.lower(), code, "equipment"))
    seen, rows = set(), []
    for term, code, kind in out:
        if (term, kind) not in seen:
            seen.add((term, kind))
            rows.append((term, code, kind))
    return sorted(rows)


# ---------------------------------------------------------------- main

def write_tsv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\t".join(header) + "\n")
        for r in rows:
            f.write("\t".join(r) + "\n")


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    src, dst = sys.argv[1], sys.argv[2]
    terms = {}
    # Index forms first: they are how clinicians name conditions; titles fill in.
    english = english_words()
    for term, code, ptype in index_terms(os.path.join(src, "icd10cm_index_2025_flattened.csv"),
                                         dictionary_words()) + \
            order_terms(os.path.join(src, "icd10cm_order_2026.txt")):
        key = re.sub(r"\s+", " ", term.lower())
        terms.setdefault(key, (term.lower(), code, ptype))
    rows = sorted(terms.values())
    write_tsv(os.path.join(dst, "icd10cm_terms.tsv"), ["term", "code", "problem_type"], rows)

    tcodes = drug_tcodes(os.path.join(src, "icd10cm_drug_table_2025_april.csv"))
    write_tsv(os.path.join(dst, "drug_tcodes.tsv"), ["substance", "tcode"], sorted(tcodes.items()))
    curated, curated_names = read_curated_drugs(os.path.join(dst, "drugs.tsv"))
    tclasses = read_tcode_classes(os.path.join(dst, "drug_classes_by_tcode.tsv"))
    write_tsv(os.path.join(dst, "fda_drug_names.tsv"), ["name", "generic", "kind", "class"],
              fda_names(os.path.join(src, "drugsatfda_Products_2018-07.txt"), curated, curated_names,
                        tcodes, tclasses, english))
    write_tsv(os.path.join(dst, "hcpcs_terms.tsv"), ["term", "code", "kind"],
              hcpcs_terms(os.path.join(src, "HCPC2019_CONTR_ANWEB.txt")))


if __name__ == "__main__":
    main()
