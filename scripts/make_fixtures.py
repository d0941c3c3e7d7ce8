#!/usr/bin/env python3
"""Cut the test fixtures from the bundled open data, and compute the figures the tests expect.

The slices keep the real published formats (headers, quoting, blank cells, the headerless ODS layout) for two
ICBs, NHS Cornwall and the Isles of Scilly (QT6) and NHS Lincolnshire (QJM), plus one dental contract that moves
between commissioners in 2023/24. `expected.json` holds figures computed here, independently of the Swift code,
which the Swift tests compare against.

Run from the repository root:  python3 scripts/make_fixtures.py
"""
import csv, gzip, io, json, os
from collections import defaultdict
from decimal import Decimal

SRC = "Data/open"
OUT = "Tests/Fixtures/open"
ICBS = {"QT6", "QJM"}
EXTRA_CONTRACTS = {"1025900000"}  # QUA in April–July 2023, QHL from August 2023


def read(name):
    opener = gzip.open if name.endswith(".gz") else open
    with opener(os.path.join(SRC, name), "rt", encoding="utf-8", newline="") as f:
        return f.read()


def write(name, text):
    # Fixtures are plain CSV (readable in review); the importer reads .csv.gz names without the .gz too.
    path = os.path.join(OUT, name[:-3] if name.endswith(".gz") else name)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def headed(name, keep):
    text = read(name)
    lines = text.splitlines(keepends=True)
    rows = list(csv.DictReader(io.StringIO(text)))
    kept = [lines[0]] + [lines[i + 1] for i, row in enumerate(rows) if keep(row)]
    write(name, "".join(kept))
    return [row for row in rows if keep(row)]


os.makedirs(OUT, exist_ok=True)
headed("icb_list_42.csv", lambda r: True)
headed("pharmacy_first_consultations_england_2023_2025.csv", lambda r: True)
headed("pharmacy_first_consultations_by_region_2023_2025.csv", lambda r: True)
headed("sicbl_list_106.csv", lambda r: True)
headed("iod2025_icb24_summary.csv", lambda r: True)
l11 = headed("lookup_lsoa11_sicbl22_icb22_lad22.csv.gz", lambda r: r["icb22_code_h"] in ICBS)
l21 = headed("lookup_lsoa21_sicbl24_icb24.csv.gz", lambda r: r["icb24_code_nhs"] in ICBS)
lsoa11 = {r["lsoa11_code"] for r in l11}
lsoa21 = {r["lsoa21_code"] for r in l21}
headed("lookup_lsoa11_lsoa21_lad22.csv.gz", lambda r: r["lsoa11_code"] in lsoa11 or r["lsoa21_code"] in lsoa21)
headed("imd2019_lsoa11_file1_imd.csv.gz", lambda r: r["\ufeffLSOA code (2011)"] in lsoa11 if "\ufeffLSOA code (2011)" in r else r["LSOA code (2011)"] in lsoa11)
iod = headed("iod2025_lsoa21_scores_ranks_deciles.csv.gz", lambda r: r["lsoa21_code"] in lsoa21)
census = headed("lsoa21_population_census2021_age6.csv.gz", lambda r: r["lsoa21_code"] in lsoa21)
headed("lsoa11_population_mid2020_sya.csv.gz", lambda r: r["lsoa11_code"] in lsoa11)
headed("lsoa11_pwc_dec2011.csv.gz", lambda r: r["lsoa11cd"] in lsoa11)
headed("ons_lsoa21_pwc_2021_v4_wgs84.csv.gz", lambda r: r["lsoa21cd"] in lsoa21)
mid2024 = headed("ons_lsoa21_population_mid2024_nomis.csv.gz", lambda r: r["GEOGRAPHY_CODE"] in lsoa21)

# ODS extracts are headerless: keep every row (any status) whose ICB (field 4) is one of ours.
ods = {}
for name in ["ods_edispensary_2025.csv.gz", "ods_egdpprac_2024.csv.gz"]:
    text = read(name)
    lines = text.splitlines(keepends=True)
    rows = list(csv.reader(io.StringIO(text)))
    keep = [i for i, r in enumerate(rows) if r[3] in ICBS]
    write(name, "".join(lines[i] for i in keep))
    ods[name] = [rows[i] for i in keep]

# Dental activity, ten years (April 2016 – September 2025), from the bundled monthly files.
MONTHLY = os.path.join(SRC, "nhsbsa_dental_activity_monthly")
# Contracts kept: the 2023/24 selection of the earlier fixtures (per ICB the first 10 contracts, every contract whose
# target changes, every contract with a blank month, the contract that moves from QUA to QHL), the two contracts the
# mid-year-review examples name, NHS England Health & Justice's five contracts, and area teams' contracts in Devon,
# Cornwall and the Isles of Scilly (Q66) and Leicestershire and Lincolnshire (Q59) that ended before April 2020.
KEEP_2023 = {
    "1000730000", "1000830000", "1002190000", "1003520000", "1003530000", "1003540000", "1003550000", "1009440000",
    "1009490000", "1012810055", "1012810077", "1012810082", "1012810165", "1012810169", "1013380077", "1013380078",
    "1017550000", "1017570000", "1017580000", "1017590000", "1025900000", "1033490000", "1064610001", "1079560003",
    "1151500001", "1497560001", "1530010003", "1639100001", "1694630002", "1717510001", "1760870002", "1872080001",
    "1912480001", "2297920001", "2304990001", "2991540001", "3350020002", "6896370002", "6922200001", "7457310001",
    "8175030001", "8887610001", "9398380008",
}
MID_YEAR_EXAMPLES = {"1002190000", "1012080000"}
HEALTH_AND_JUSTICE = {"1673120002", "9213510001", "9213510007", "9355810001", "9355810004"}
ENDED_AREA_TEAM_CONTRACTS = 4  # per area team


def decode(raw):
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


monthly = {}  # YYYYMM -> (header line, [(row dict, line text)])
for name in sorted(os.listdir(MONTHLY)):
    if not (name.startswith("uda_contractor_") and name.endswith(".csv.gz")):
        continue
    text = decode(gzip.open(os.path.join(MONTHLY, name)).read())
    lines = text.splitlines(keepends=True)
    header = [h.strip() for h in next(csv.reader([lines[0]]))]
    rows = []
    for line in lines[1:]:
        if not line.strip():
            continue
        rows.append((dict(zip(header, [v.strip() for v in next(csv.reader([line]))])), line))
    monthly[name[15:21]] = (lines[0], rows)

by_contract = defaultdict(list)
for month, (_, rows) in monthly.items():
    for row, _ in rows:
        by_contract[row["CONTRACT_NUMBER"]].append(row)
latest_month = max(monthly)
ended_area = set()
for team in ["Q66", "Q59"]:
    ended = sorted(c for c, rs in by_contract.items()
                   if all(r["COMMISSIONER_CODE"] == team for r in rs) and max(r["YEAR_MONTH"] for r in rs) < "202004")
    ended_area |= set(ended[:ENDED_AREA_TEAM_CONTRACTS])
chosen = KEEP_2023 | MID_YEAR_EXAMPLES | HEALTH_AND_JUSTICE | ended_area


def fy(month):
    year, m = int(month[:4]), int(month[4:])
    return year if m >= 4 else year - 1


def label(start):
    return f"{start}/{(start + 1) % 100:02d}"


# One file per financial year: the year's first header line as published, then every kept row of each month as
# published (the Windows-1252 files re-encoded to UTF-8). The format variants themselves are kept verbatim below.
out_dir = os.path.join(OUT, "nhsbsa_dental_activity_monthly")
os.makedirs(out_dir, exist_ok=True)
for old in os.listdir(out_dir):
    os.remove(os.path.join(out_dir, old))
dental = []
for start in sorted({fy(m) for m in monthly}):
    months = sorted(m for m in monthly if fy(m) == start)
    text = monthly[months[0]][0]
    for month in months:
        kept = [(row, line) for row, line in monthly[month][1] if row["CONTRACT_NUMBER"] in chosen]
        text += "".join(line for _, line in kept)
        dental += [row for row, _ in kept]
    with open(os.path.join(out_dir, f"uda_contractor_{start}-{(start + 1) % 100:02d}.csv"), "w", encoding="utf-8", newline="") as f:
        f.write(text)

# The format variants, verbatim: the header and a few rows of one month of each layout, bytes as published.
FORMATS = os.path.join("Tests/Fixtures/dental-formats")
os.makedirs(FORMATS, exist_ok=True)
first_q61_contract = next(r["CONTRACT_NUMBER"] for r, _ in monthly["202004"][1] if r["COMMISSIONER_CODE"] == "Q61")
variants = {
    "201604": ("20 columns, header separated by \", \", NHS England area teams", lambda r: True, 4),
    "202004": ("20 columns, area teams and ICBs side by side",
               lambda r: r["CONTRACT_NUMBER"] in ("1639100001", first_q61_contract), 2),
    "202303": ("the last 20-column month", lambda r: True, 3),
    "202304": ("22 columns, band 2 split", lambda r: True, 3),
    "202309": ("22 columns, BAND_2A_DELIVERED with a trailing space, Windows-1252", lambda r: r["CONTRACT_NUMBER"] in ("1221140001", "1551520001"), 2),
    "202311": ("22 columns, \"BAND_2A_DELIVERED \" quoted", lambda r: True, 3),
    "202404": ("22 columns, NHS England Health & Justice beside the ICBs", lambda r: r["COMMISSIONER_CODE"].startswith("HJ") or r["COMMISSIONER_CODE"] == "QT6", 8),
    "202504": ("22 columns, Windows-1252", lambda r: r["CONTRACT_NUMBER"] in ("3603410001", "1639100001"), 2),
}
format_expected = {}
for month, (what, keep, count) in variants.items():
    raw = gzip.open(os.path.join(MONTHLY, f"uda_contractor_{month}.csv.gz")).read()
    raw_lines = raw.split(b"\r\n")
    text = decode(raw)
    header = [h.strip() for h in next(csv.reader([text.splitlines()[0]]))]
    picked = []
    for raw_line in raw_lines[1:]:
        if not raw_line:
            continue
        row = dict(zip(header, [v.strip() for v in next(csv.reader([decode(raw_line)]))]))
        if keep(row):
            picked.append((raw_line, row))
        if len(picked) == count:
            break
    with open(os.path.join(FORMATS, f"uda_contractor_{month}.csv"), "wb") as f:
        f.write(b"\r\n".join([raw_lines[0]] + [line for line, _ in picked]) + b"\r\n")
    def band2(r):
        if "BAND_2_DELIVERED" in r:
            return int(r["BAND_2_DELIVERED"] or 0)
        return sum(int(r[c] or 0) for c in ["BAND_2A_DELIVERED", "BAND_2B_DELIVERED", "BAND_2C_DELIVERED"])
    def kind(r):
        code, name = r["COMMISSIONER_CODE"], r["COMMISSIONER_NAME"]
        if code.startswith("HJ"):
            return "health-and-justice"
        if name.endswith(" AT") or name.endswith("Local Office"):
            return "area-team"
        return "icb"
    rows = [r for _, r in picked]
    format_expected[month] = {
        "what": what, "columns": len(header), "rows": len(rows),
        "deliveredHundredths": sum(int((Decimal(r["UDA_DELIVERED"] or "0") * 100).to_integral_value()) for r in rows),
        "band2": sum(band2(r) for r in rows),
        "kinds": {k: sum(1 for r in rows if kind(r) == k) for k in sorted({kind(r) for r in rows})},
        "providers": sorted(r["PROVIDER_NAME"] for r in rows),
    }
with open(os.path.join(FORMATS, "expected.json"), "w", encoding="utf-8") as f:
    json.dump(format_expected, f, indent=2, sort_keys=True, ensure_ascii=False)
    f.write("\n")

# Code-Point: the postcodes of the rows kept above.
def compact(pc):
    return pc.replace(" ", "").upper()
wanted = {compact(r[9]) for rs in ods.values() for r in rs} | {compact(r["LATEST_PPC_ADDRESS_POSTCODE"]) for r in dental}
headed("codepoint_open_2025_10_postcodes_subset.csv.gz", lambda r: compact(r["postcode"]) in wanted)

# ---- Expected figures, computed independently of the Swift code ----
def pence(text):
    return int((Decimal(text) * 100).to_integral_value())

def hundredths(text):
    return int((Decimal(text or "0") * 100).to_integral_value())

latest = {}
for c in chosen:
    rs = sorted(by_contract[c], key=lambda r: r["YEAR_MONTH"])
    latest[c] = rs[-1]
icb_of_lsoa21 = {r["lsoa21_code"]: r["icb24_code_nhs"] for r in l21}
latest_year = fy(latest_month)
expected = {"icbs": {}, "contracts": {}, "years": {}, "latestYear": label(latest_year)}
in_latest_year = {c: max((r for r in by_contract[c] if fy(r["YEAR_MONTH"]) == latest_year), key=lambda r: r["YEAR_MONTH"])
                  for c in chosen if any(fy(r["YEAR_MONTH"]) == latest_year for r in by_contract[c])}
for icb in sorted(ICBS | {"QHL"}):
    mine = [c for c, r in in_latest_year.items() if r["COMMISSIONER_CODE"] == icb]
    population24 = {k: sum(int(r["OBS_VALUE"]) for r in mid2024 if icb_of_lsoa21.get(r["GEOGRAPHY_CODE"]) == icb and r["C_AGE"] == k)
                    for k in ["200", "201", "204"]}
    expected["icbs"][icb] = {
        "population": sum(int(r["total_usual_residents"]) for r in census if icb_of_lsoa21.get(r["lsoa21_code"]) == icb),
        "childrenMid2024": population24["201"] + population24["204"],
        "adultsMid2024": population24["200"] - population24["201"] - population24["204"],
        "dentalContracts": len(mine),
        "contractedUDAsHundredths": sum(hundredths(in_latest_year[c]["UDA_PERF_TARGET"]) for c in mine),
        "contractedValuePence": sum(pence(in_latest_year[c]["UDA_FIN_VAL"]) for c in mine),
        "pharmacies": sum(1 for r in ods["ods_edispensary_2025.csv.gz"] if r[3] == icb and r[12] == "A" and r[2] != "W00"),
        "dentalPractices": sum(1 for r in ods["ods_egdpprac_2024.csv.gz"] if r[3] == icb and r[12] == "A"),
        "subICBLocations": len({r["sicbl24_code_nhs"] for r in l21 if r["icb24_code_nhs"] == icb}),
        "lsoas": sum(1 for r in l21 if r["icb24_code_nhs"] == icb),
        "mostDeprivedLSOAs": sum(1 for r in iod if icb_of_lsoa21.get(r["lsoa21_code"]) == icb and int(r["IMD_decile"]) <= 2),
    }
first_month = min(monthly)
for c in sorted(chosen):
    rs = sorted(by_contract[c], key=lambda r: r["YEAR_MONTH"])
    years = {}
    for start in sorted({fy(r["YEAR_MONTH"]) for r in rs}):
        ys = [r for r in rs if fy(r["YEAR_MONTH"]) == start]
        years[label(start)] = {
            "months": len(ys),
            "commissioner": ys[-1]["COMMISSIONER_CODE"],
            "targetHundredths": hundredths(ys[-1]["UDA_PERF_TARGET"]),
            "valuePence": pence(ys[-1]["UDA_FIN_VAL"]),
            "deliveredHundredths": sum(hundredths(r["UDA_DELIVERED"]) for r in ys),
            "foundationHundredths": sum(hundredths(r["UDA_DELIVERED_FD"]) for r in ys),
            "lateFP17s": sum(int(r["LATE_SUBMITTED_FP17"] or 0) for r in ys),
            "targetChanges": sum(1 for a, b in zip(ys, ys[1:]) if a["UDA_PERF_TARGET"] != b["UDA_PERF_TARGET"]),
            "changes": sum(1 for a, b in zip(ys, ys[1:])
                           if (a["UDA_PERF_TARGET"], a["UDA_FIN_VAL"], a["COMMISSIONER_CODE"]) != (b["UDA_PERF_TARGET"], b["UDA_FIN_VAL"], b["COMMISSIONER_CODE"])),
        }
        # The mid-year review as it was held: April–September delivery against the target of the September row.
        september = f"{start}09"
        sept = [r for r in ys if r["YEAR_MONTH"] == september]
        if sept:
            first_half = sum(hundredths(r["UDA_DELIVERED"]) for r in ys if r["YEAR_MONTH"] <= september)
            years[label(start)]["firstHalfDeliveredHundredths"] = first_half
            years[label(start)]["targetAtSeptemberHundredths"] = hundredths(sept[0]["UDA_PERF_TARGET"])
    expected["contracts"][c] = {
        "commissioner": rs[-1]["COMMISSIONER_CODE"],
        "firstMonth": rs[0]["YEAR_MONTH"], "lastMonth": rs[-1]["YEAR_MONTH"],
        "ended": rs[-1]["YEAR_MONTH"] < latest_month,
        "years": years,
    }
# Each financial year of the kept rows (England, as the fixtures hold it).
for start in sorted({fy(m) for m in monthly}):
    year_rows = [r for r in dental if fy(r["YEAR_MONTH"]) == start]
    latest_in_year = {}
    for r in year_rows:
        if r["CONTRACT_NUMBER"] not in latest_in_year or r["YEAR_MONTH"] > latest_in_year[r["CONTRACT_NUMBER"]]["YEAR_MONTH"]:
            latest_in_year[r["CONTRACT_NUMBER"]] = r
    expected["years"][label(start)] = {
        "months": len({r["YEAR_MONTH"] for r in year_rows}),
        "contracts": len(latest_in_year),
        "contractedHundredths": sum(hundredths(r["UDA_PERF_TARGET"]) for r in latest_in_year.values()),
        "deliveredHundredths": sum(hundredths(r["UDA_DELIVERED"]) for r in year_rows),
        "ended": sum(1 for c in latest_in_year if fy(expected["contracts"][c]["lastMonth"]) == start and expected["contracts"][c]["ended"]),
    }
expected["dentalRows"] = len(dental)
with open(os.path.join(OUT, "expected.json"), "w") as f:
    json.dump(expected, f, indent=2, sort_keys=True)
    f.write("\n")
print(f"fixtures written to {OUT}: {len(chosen)} contracts, {len(dental)} dental rows")
