#!/usr/bin/env python3
"""Recomputes England's dental contract figures per NHS financial year from NHSBSA's raw monthly files.

An independent check on Podium: it reads the publisher's "English Contractor Monthly General Dental Activity"
files (uda_contractor_YYYYMM.csv.gz or .csv, one per month) with the standard library only, and adds them up with
decimal.Decimal, never float.

Definitions (the same as Podium's). A financial year YYYY/YY runs April YYYY to March YYYY+1. A contract is its
CONTRACT_NUMBER; its "latest month" in a year is the latest YEAR_MONTH it has a row for in that year.
  contracted UDAs    sum over every contract with a row in the year of UDA_PERF_TARGET in its latest month
  contract value £   the same, summing UDA_FIN_VAL
  delivered UDAs     sum of UDA_DELIVERED over all rows of the year (blank = 0)
  % delivered        delivered / contracted x 100, one decimal, rounded half up
  contracts, months  distinct CONTRACT_NUMBERs / distinct YEAR_MONTHs with a row in the year
  contracts ended    contracts whose last month over all the data is in the year and before the latest month of all
                     the data; UDAs lost to endings = their UDA_PERF_TARGET in that last month
  new contracts      contracts whose first month over all the data is in the year and after the first month of all
                     the data; their UDAs = their target in their latest month of the year
  increases/reductions  for a contract in both year Y-1 and Y: change = target in its latest month of Y minus target
                     in its latest month of Y-1; positive changes summed = UDAs from increases, negative changes
                     summed (as a positive number) = UDAs lost to reductions (blank for the first year)
Blank targets or values count as 0. Were a contract to have two rows in one month (none do, to 2025-09), their
targets and values would be added; such rows are counted under "Data notes".
Commissioner kind of a row (a cross-check count only; Podium decides ICBs from the ICB register): "health-and-justice"
when COMMISSIONER_CODE starts with HJ, "area-team" when COMMISSIONER_NAME ends with " AT" or "Local Office", else "icb".

File quirks handled: gzip detected by its magic bytes; UTF-8, else Windows-1252; 201604-202303 headers separated by
", " (20 columns, BAND_2_DELIVERED); from 202304 22 columns with "BAND_2A_DELIVERED " (sometimes quoted); CRLF
line ends; numbers like ".71"; header names and values are stripped of spaces. Only files named
uda_contractor_YYYYMM.csv or .csv.gz are read (the folder also holds a ckan json and a MANIFEST.csv).

Usage:
  scripts/recompute_dental_years.py [--data DIR]          Markdown table, then row counts per commissioner kind
  scripts/recompute_dental_years.py --csv                 the table as CSV on stdout (counts and notes on stderr)
  scripts/recompute_dental_years.py --compare podium.csv  check Podium's year,contracted_udas,delivered_udas,
                                                          percent_delivered; one line per year; exit 1 on any difference
  scripts/recompute_dental_years.py --self-test           assertions on tiny in-memory files of each format variant
DIR defaults to Data/open/nhsbsa_dental_activity_monthly under the repository root.
"""
import argparse
import csv
import decimal
import gzip
import io
import os
import re
import sys
from collections import Counter, defaultdict
from decimal import Decimal, ROUND_HALF_UP

decimal.getcontext().prec = 60
ZERO = Decimal(0)
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_DATA = os.path.join(REPO, "Data", "open", "nhsbsa_dental_activity_monthly")
FILE_NAME = re.compile(r"uda_contractor_(\d{6})\.csv(?:\.gz)?")
FIGURES = ("UDA_PERF_TARGET", "UDA_FIN_VAL", "UDA_DELIVERED")
NEEDED = ("YEAR_MONTH", "COMMISSIONER_CODE", "COMMISSIONER_NAME", "CONTRACT_NUMBER") + FIGURES
COLUMNS = ["year", "months", "contracts", "contracted UDAs", "delivered UDAs", "% delivered", "contract value £",
           "contracts ended", "UDAs lost to endings", "new contracts", "UDAs in new contracts",
           "UDAs from increases", "UDAs lost to reductions"]


# ---- reading ---------------------------------------------------------------------------------------------------

def decode(data):
    """Text of a file's bytes: gunzipped if it starts with the gzip magic, UTF-8 else Windows-1252."""
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def parse(data, name="<bytes>"):
    """Rows of one file as dicts of the needed columns: YEAR_MONTH an int, the three figures Decimal or None."""
    reader = csv.reader(io.StringIO(decode(data), newline=""))
    header = [h.strip() for h in next(reader)]
    missing = [c for c in NEEDED if c not in header]
    if missing:
        sys.exit(f"{name}: missing columns {missing} (header {header})")
    index = {c: header.index(c) for c in NEEDED}
    rows = []
    for line, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        where = f"{name}:{line}"
        if len(cells) != len(header):
            sys.exit(f"{where}: {len(cells)} cells, header has {len(header)}")
        row = {c: cells[i].strip() for c, i in index.items()}
        if not (row["YEAR_MONTH"].isdigit() and len(row["YEAR_MONTH"]) == 6):
            sys.exit(f"{where}: YEAR_MONTH is not YYYYMM: {row['YEAR_MONTH']!r}")
        row["YEAR_MONTH"] = int(row["YEAR_MONTH"])
        for c in FIGURES:                     # '' -> None; '.71' is fine; anything else unparseable stops the run
            try:
                row[c] = Decimal(row[c]) if row[c] else None
            except decimal.InvalidOperation:
                sys.exit(f"{where}: {c} is not a number: {row[c]!r}")
        rows.append(row)
    return rows


def read_folder(folder):
    """Rows of every uda_contractor_YYYYMM.csv[.gz] in folder; other files (ckan json, MANIFEST.csv) are skipped."""
    rows, months = [], {}
    for n in sorted(os.listdir(folder)):
        match = FILE_NAME.fullmatch(n)
        if not match:
            print(f"ignored: {n}", file=sys.stderr)
            continue
        if match[1] in months:
            sys.exit(f"{n} and {months[match[1]]} are the same month")
        months[match[1]] = n
        with open(os.path.join(folder, n), "rb") as f:
            got = parse(f.read(), n)
        if any(r["YEAR_MONTH"] != int(match[1]) for r in got):
            print(f"warning: {n} has rows of another YEAR_MONTH", file=sys.stderr)
        rows.extend(got)
    if not rows:
        sys.exit(f"no uda_contractor_YYYYMM.csv[.gz] rows in {folder}")
    return rows


def kind(row):
    if row["COMMISSIONER_CODE"].upper().startswith("HJ"):
        return "health-and-justice"
    return "area-team" if row["COMMISSIONER_NAME"].endswith((" AT", "Local Office")) else "icb"


# ---- computing -------------------------------------------------------------------------------------------------

def fy_start(ym):
    """Calendar year in which the financial year of YEAR_MONTH ym begins."""
    year, month = divmod(ym, 100)
    return year if month >= 4 else year - 1


def compute(rows):
    """(list of per-year dicts, kind counts, data notes) from parsed rows."""
    target = defaultdict(lambda: ZERO)        # (contract, ym) -> target; duplicates add
    value = defaultdict(lambda: ZERO)
    delivered = defaultdict(lambda: ZERO)     # year -> delivered
    months = defaultdict(set)                 # year -> yms
    latest = defaultdict(dict)                # year -> contract -> latest ym in that year
    first, last = {}, {}                      # contract -> first / last ym over all data
    kinds, notes = Counter(), Counter()
    for r in rows:
        c, ym = r["CONTRACT_NUMBER"], r["YEAR_MONTH"]
        y = fy_start(ym)
        if (c, ym) in target:
            notes["duplicate (contract, month) rows"] += 1
        for col in FIGURES:
            if r[col] is None:
                notes[f"blank {col}"] += 1
            elif r[col] < 0:
                notes[f"negative {col}"] += 1
        target[c, ym] += r["UDA_PERF_TARGET"] or ZERO
        value[c, ym] += r["UDA_FIN_VAL"] or ZERO
        delivered[y] += r["UDA_DELIVERED"] or ZERO
        months[y].add(ym)
        if ym > latest[y].get(c, 0):
            latest[y][c] = ym
        first[c] = min(first.get(c, ym), ym)
        last[c] = max(last.get(c, ym), ym)
        kinds[kind(r)] += 1
    all_first, all_last = min(first.values()), max(last.values())

    out = []
    for y in sorted(months):
        lt = latest[y]
        contracted = sum((target[c, m] for c, m in lt.items()), ZERO)
        ended = [c for c in lt if last[c] < all_last and fy_start(last[c]) == y]
        new = [c for c in lt if first[c] > all_first and fy_start(first[c]) == y]
        up = down = None
        if y - 1 in latest:
            prev, up, down = latest[y - 1], ZERO, ZERO
            for c in lt.keys() & prev.keys():
                change = target[c, lt[c]] - target[c, prev[c]]
                up, down = (up + change, down) if change > 0 else (up, down - change)
        out.append({
            "year": f"{y}/{(y + 1) % 100:02d}", "months": len(months[y]), "contracts": len(lt),
            "contracted UDAs": contracted, "delivered UDAs": delivered[y],
            "% delivered": percent(delivered[y], contracted),
            "contract value £": sum((value[c, m] for c, m in lt.items()), ZERO),
            "contracts ended": len(ended), "UDAs lost to endings": sum((target[c, last[c]] for c in ended), ZERO),
            "new contracts": len(new), "UDAs in new contracts": sum((target[c, lt[c]] for c in new), ZERO),
            "UDAs from increases": up, "UDAs lost to reductions": down,
        })
    return out, kinds, notes


def percent(part, whole):
    return (part / whole * 100).quantize(Decimal("0.1"), ROUND_HALF_UP) if whole else None


# ---- output ----------------------------------------------------------------------------------------------------

def plain(d):
    """Exact decimal text without trailing zeros or exponent: 84265013, 1234.5."""
    d = d.quantize(1) if d == d.to_integral_value() else d.normalize()
    return format(d, "f")


def pretty(col, v):
    """Markdown cell: thousands separators; pounds to the penny, % to one place, UDAs without trailing zeros."""
    if v is None or isinstance(v, str):
        return v or "—"
    if isinstance(v, int):
        return f"{v:,}"
    places = {"contract value £": Decimal("0.01"), "% delivered": Decimal("0.1")}.get(col)
    return format(v.quantize(places, ROUND_HALF_UP) if places else Decimal(plain(v)), ",f")


def print_table(years, kinds, notes, as_csv):
    if as_csv:
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(COLUMNS)
        for y in years:
            w.writerow(["" if y[c] is None else y[c] if isinstance(y[c], (int, str)) else plain(y[c]) for c in COLUMNS])
        side = sys.stderr
    else:
        print("| " + " | ".join(COLUMNS) + " |")
        print("|" + "|".join(["---"] + ["---:"] * (len(COLUMNS) - 1)) + "|")
        for y in years:
            print("| " + " | ".join(pretty(c, y[c]) for c in COLUMNS) + " |")
        side = sys.stdout
    print("\nRows per commissioner kind:", file=side)
    for k, n in [(k, kinds[k]) for k in ("icb", "area-team", "health-and-justice")] + [("total", sum(kinds.values()))]:
        print(f"  {k:<20}{n:>10,}", file=side)
    print("\nData notes:" + ("" if notes else " none"), file=side)
    for k, n in sorted(notes.items()):
        print(f"  {k}: {n:,}", file=side)


def compare(years, path):
    """One line per year against Podium's CSV; True when everything matches."""
    ours = {y["year"]: y for y in years}
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = [{(k or "").strip(): (v or "").strip() for k, v in r.items()} for r in csv.DictReader(f)]
    theirs = {r.get("year"): r for r in rows}
    ok = True
    for year in sorted(ours.keys() | theirs.keys(), key=str):
        if year not in ours or year not in theirs:
            print(f"{year}  missing in {'Podium' if year in ours else 'the raw files'}")
            ok = False
            continue
        parts = []
        for name, col, key in (("contracted", "contracted UDAs", "contracted_udas"),
                               ("delivered", "delivered UDAs", "delivered_udas"),
                               ("%", "% delivered", "percent_delivered")):
            given, mine = theirs[year].get(key) or "", ours[year][col]
            try:                              # Decimal equality ignores trailing zeros: 93.70 == 93.7
                same = mine is not None and given != "" and Decimal(given) == mine
            except decimal.InvalidOperation:
                same = False
            raw = "none" if mine is None else plain(mine)
            parts.append(f"{name} OK" if same else f"{name} DIFFERS (Podium {given or 'blank'}, raw {raw})")
            ok = ok and same
        print(f"{year}  " + "  ".join(parts))
    return ok


# ---- self-test -------------------------------------------------------------------------------------------------

def self_test():
    common = ("YEAR_MONTH COMMISSIONER_CODE COMMISSIONER_NAME CONTRACT_NUMBER PROVIDER_NAME "
              "LATEST_PPC_ADDRESS_POSTCODE LSOA11_CODE UDA_PERF_TARGET UDA_FIN_VAL UDA_DELIVERED "
              "LATE_SUBMITTED_FP17 UDA_DELIVERED_FD BAND_1_DELIVERED {} BAND_3_DELIVERED BAND_URGENT_DELIVERED "
              "BAND_OTHER_DELIVERED CHILD_12M_COUNT ADULT_24M_COUNT GENERAL_DENTAL_FIN_VALUE")
    old = ", ".join(common.format("BAND_2_DELIVERED").split())             # 201604-202303: ", " separated
    new = ",".join(common.format('"BAND_2A_DELIVERED " BAND_2B_DELIVERED BAND_2C_DELIVERED').split())
    assert len(next(csv.reader([old]))) == 20 and len(next(csv.reader([new]))) == 22

    def line(width, ym, code, name, contract, provider, target, value, delivered):
        return f"{ym},{code},{name},{contract},{provider},X1,E01,{target},{value},{delivered}" + ",0" * (width - 10)

    a = gzip.compress("\r\n".join([old, line(20, 201703, "Q44", '"Cheshire, Warrington and Wirral AT"', 1, "Raby",
                                                1000, "25000.5", ".71"),
                                    line(20, 201703, "HJ1", "H&J London", 2, "Gaol", 500, 10000, ""), ""]).encode())
    rows = parse(a, "old")
    assert rows[0]["UDA_DELIVERED"] == Decimal("0.71") and rows[0]["COMMISSIONER_NAME"].endswith(" AT")
    assert rows[1]["UDA_DELIVERED"] is None and [kind(r) for r in rows] == ["area-team", "health-and-justice"]
    icb = "Cheshire and Merseyside ICB"
    b = "\r\n".join([new, line(22, 201704, "QYG", icb, 1, "Hudson\u2019s", 1200, 30000, "100.5"),
                     line(22, 201705, "QYG", icb, 1, "Hudson\u2019s", 1100, 28000, "50"),
                     line(22, 201705, "QYG", icb, 3, "New Smile", 300, 6000, "10.25"), ""]).encode("cp1252")
    assert b"Hudson\x92s" in b and "Hudson\u2019s" in decode(b)         # byte 0x92 is not UTF-8: falls back to cp1252
    rows += parse(b, "new")
    assert [kind(r) for r in rows[2:]] == ["icb"] * 3
    years, kinds, notes = compute(rows)
    y16, y17 = years
    assert (y16["year"], y16["months"], y16["contracts"]) == ("2016/17", 1, 2)
    assert y16["contracted UDAs"] == 1500 and y16["contract value £"] == Decimal("35000.5")
    assert y16["delivered UDAs"] == Decimal(".71") and y16["% delivered"] == Decimal("0.0")
    assert y16["UDAs from increases"] is None and y16["UDAs lost to reductions"] is None
    assert y16["contracts ended"] == 1 and y16["UDAs lost to endings"] == 500          # contract 2 ends 201703
    assert (y17["contracted UDAs"], y17["delivered UDAs"]) == (1400, Decimal("160.75"))
    assert y17["% delivered"] == Decimal("11.5") and y17["contracts ended"] == 0       # 160.75/1400 = 11.48%
    assert (y17["new contracts"], y17["UDAs in new contracts"]) == (1, 300)
    assert (y17["UDAs from increases"], y17["UDAs lost to reductions"]) == (100, 0)   # contract 1: 1000 -> 1100
    assert notes["blank UDA_DELIVERED"] == 1 and kinds["icb"] == 3
    assert percent(Decimal("1.25"), Decimal(100)) == Decimal("1.3")                   # half up, not half even
    assert plain(Decimal("84265013.00")) == "84265013" and pretty("x", Decimal("1234.50")) == "1,234.5"
    print("self-test OK")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", default=DEFAULT_DATA, help="folder of uda_contractor_YYYYMM.csv[.gz] files")
    p.add_argument("--csv", action="store_true", help="print the table as CSV")
    p.add_argument("--compare", metavar="FILE", help="check a Podium CSV; exit 1 on any difference")
    p.add_argument("--self-test", action="store_true", help="run the built-in assertions")
    args = p.parse_args()
    if args.self_test:
        self_test()
        return 0
    years, kinds, notes = compute(read_folder(args.data))
    if args.compare:
        return 0 if compare(years, args.compare) else 1
    print_table(years, kinds, notes, args.csv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
