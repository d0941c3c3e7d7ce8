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

# ODS extracts are headerless: keep every row (any status) whose ICB (field 4) is one of ours.
ods = {}
for name in ["ods_edispensary_2025.csv.gz", "ods_egdpprac_2024.csv.gz"]:
    text = read(name)
    lines = text.splitlines(keepends=True)
    rows = list(csv.reader(io.StringIO(text)))
    keep = [i for i, r in enumerate(rows) if r[3] in ICBS]
    write(name, "".join(lines[i] for i in keep))
    ods[name] = [rows[i] for i in keep]

# Dental activity: per ICB the first 10 contracts, every contract whose target changes, every contract with a
# blank month, and the contract that changes commissioner.
text = read("nhsbsa_dental_activity_by_contract_2023.csv.gz")
lines = text.splitlines(keepends=True)
rows = list(csv.DictReader(io.StringIO(text)))
by_contract = defaultdict(list)
for row in rows:
    by_contract[row["CONTRACT_NUMBER"]].append(row)
chosen = set(EXTRA_CONTRACTS)
for icb in ICBS:
    contracts = sorted(c for c, rs in by_contract.items() if rs[-1]["COMMISSIONER_CODE"] == icb)
    chosen |= set(contracts[:10])
    chosen |= {c for c in contracts if len({r["UDA_PERF_TARGET"] for r in by_contract[c]}) > 1}
    chosen |= {c for c in contracts if any(r["UDA_DELIVERED"] == "" for r in by_contract[c])}
write("nhsbsa_dental_activity_by_contract_2023.csv.gz",
      lines[0] + "".join(lines[i + 1] for i, r in enumerate(rows) if r["CONTRACT_NUMBER"] in chosen))
dental = [r for r in rows if r["CONTRACT_NUMBER"] in chosen]

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
expected = {"icbs": {}, "contracts": {}}
for icb in sorted(ICBS | {"QHL"}):
    mine = [c for c, r in latest.items() if r["COMMISSIONER_CODE"] == icb]
    expected["icbs"][icb] = {
        "population": sum(int(r["total_usual_residents"]) for r in census if icb_of_lsoa21.get(r["lsoa21_code"]) == icb),
        "dentalContracts": len(mine),
        "contractedUDAsHundredths": sum(hundredths(latest[c]["UDA_PERF_TARGET"]) for c in mine),
        "contractedValuePence": sum(pence(latest[c]["UDA_FIN_VAL"]) for c in mine),
        "pharmacies": sum(1 for r in ods["ods_edispensary_2025.csv.gz"] if r[3] == icb and r[12] == "A" and r[2] != "W00"),
        "dentalPractices": sum(1 for r in ods["ods_egdpprac_2024.csv.gz"] if r[3] == icb and r[12] == "A"),
        "subICBLocations": len({r["sicbl24_code_nhs"] for r in l21 if r["icb24_code_nhs"] == icb}),
        "lsoas": sum(1 for r in l21 if r["icb24_code_nhs"] == icb),
        "mostDeprivedLSOAs": sum(1 for r in iod if icb_of_lsoa21.get(r["lsoa21_code"]) == icb and int(r["IMD_decile"]) <= 2),
    }
for c in sorted(chosen):
    rs = sorted(by_contract[c], key=lambda r: r["YEAR_MONTH"])
    expected["contracts"][c] = {
        "months": len(rs),
        "commissioner": rs[-1]["COMMISSIONER_CODE"],
        "udasDeliveredToDateHundredths": sum(hundredths(r["UDA_DELIVERED"]) for r in rs),
        "foundationUDAsToDateHundredths": sum(hundredths(r["UDA_DELIVERED_FD"]) for r in rs),
        "lateFP17sToDate": sum(int(r["LATE_SUBMITTED_FP17"] or 0) for r in rs),
        "targetChanges": sum(1 for a, b in zip(rs, rs[1:]) if a["UDA_PERF_TARGET"] != b["UDA_PERF_TARGET"]),
        "changes": sum(1 for a, b in zip(rs, rs[1:])
                       if (a["UDA_PERF_TARGET"], a["UDA_FIN_VAL"], a["COMMISSIONER_CODE"]) != (b["UDA_PERF_TARGET"], b["UDA_FIN_VAL"], b["COMMISSIONER_CODE"])),
    }
expected["dentalRows"] = len(dental)
with open(os.path.join(OUT, "expected.json"), "w") as f:
    json.dump(expected, f, indent=2, sort_keys=True)
    f.write("\n")
print(f"fixtures written to {OUT}: {len(chosen)} contracts, {len(dental)} dental rows")
