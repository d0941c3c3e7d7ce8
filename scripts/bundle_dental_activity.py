#!/usr/bin/env python3
"""Bundle NHSBSA's monthly dental activity files, verbatim, with a manifest of their fingerprints.

Copies every `uda_contractor_YYYYMM.csv.gz` (NHSBSA "English Contractor Monthly General Dental Activity", one file a
month, the publisher's bytes gzip-compressed) from SOURCE into Data/open/nhsbsa_dental_activity_monthly/, byte for
byte, and writes MANIFEST.csv there: for each file its month, the SHA-256 and size of the bundled .gz, the SHA-256 and
size of the CSV inside it (the bytes NHSBSA publishes), its text encoding, column count and data rows.

    python3 scripts/bundle_dental_activity.py [SOURCE]     # default SOURCE: ../shared/data/nhsbsa_dental_activity_monthly
    python3 scripts/bundle_dental_activity.py --check      # verify the bundled files against MANIFEST.csv

Run from the repository root. Only the standard library is used.
"""
import csv, gzip, hashlib, io, os, re, shutil, sys

TARGET = "Data/open/nhsbsa_dental_activity_monthly"
MANIFEST = os.path.join(TARGET, "MANIFEST.csv")
FIELDS = ["file", "year_month", "gz_bytes", "gz_sha256", "csv_bytes", "csv_sha256", "encoding", "columns", "rows"]
NAME = re.compile(r"^uda_contractor_(\d{6})\.csv\.gz$")


def describe(path):
    raw = open(path, "rb").read()
    content = gzip.decompress(raw)
    try:
        text, encoding = content.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        text, encoding = content.decode("cp1252"), "Windows-1252"
    rows = list(csv.reader(io.StringIO(text, newline="")))
    rows = [r for r in rows if r]
    return {
        "file": os.path.basename(path), "year_month": NAME.match(os.path.basename(path)).group(1),
        "gz_bytes": len(raw), "gz_sha256": hashlib.sha256(raw).hexdigest(),
        "csv_bytes": len(content), "csv_sha256": hashlib.sha256(content).hexdigest(),
        "encoding": encoding, "columns": len(rows[0]), "rows": len(rows) - 1,
    }


def bundle(source):
    names = sorted(n for n in os.listdir(source) if NAME.match(n))
    if not names:
        sys.exit(f"no uda_contractor_YYYYMM.csv.gz files in {source}")
    os.makedirs(TARGET, exist_ok=True)
    entries = []
    for name in names:
        shutil.copyfile(os.path.join(source, name), os.path.join(TARGET, name))
        entries.append(describe(os.path.join(TARGET, name)))
    with open(MANIFEST, "w", newline="") as f:
        writer = csv.DictWriter(f, FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(entries)
    print(f"{len(entries)} files, {sum(e['rows'] for e in entries):,} rows, {entries[0]['year_month']}–{entries[-1]['year_month']}")


def check():
    with open(MANIFEST, newline="") as f:
        expected = list(csv.DictReader(f))
    problems = 0
    for entry in expected:
        found = {k: str(v) for k, v in describe(os.path.join(TARGET, entry["file"])).items()}
        if found != entry:
            problems += 1
            print(f"{entry['file']}: differs from MANIFEST.csv")
    bundled = sorted(n for n in os.listdir(TARGET) if NAME.match(n))
    if bundled != [e["file"] for e in expected]:
        problems += 1
        print("the folder's files are not the manifest's")
    print(f"{len(expected)} files checked, {problems} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    if sys.argv[1:] == ["--check"]:
        check()
    else:
        bundle(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/nhsbsa_dental_activity_monthly")
