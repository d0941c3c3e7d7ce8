"""Browser tests: a commissioner's path through the workbench in headless Chromium.

Run by .ci/run against `podium serve` on the full bundled data: BASE_URL=http://127.0.0.1:8089 pytest browser-tests
Every test fails on a JavaScript console error, an uncaught page error, or any HTTP response of 400 or more.
"""
import os
import re
import shutil

import pytest
from playwright.sync_api import expect, sync_playwright

BASE = os.environ.get("BASE_URL", "http://127.0.0.1:8089")
ARTIFACTS = os.environ.get("BROWSER_ARTIFACTS", "browser-artifacts")
# The demo's administrator; .ci/run sets the password when it builds the demo database.
DEMO_EMAIL = "demo@podium.example"
DEMO_PASSWORD = os.environ.get("PODIUM_DEMO_PASSWORD", "")


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        # Playwright cannot download its own browser here; Debian's chromium works.
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox", "--disable-gpu"])
        yield browser
        browser.close()


def sign_in(page, email=DEMO_EMAIL, password=DEMO_PASSWORD):
    """Signs in through the form, as a person would."""
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("#sign-in button")


@pytest.fixture(scope="session")
def signed_in(browser, tmp_path_factory):
    """The demo administrator's session, signed in once through the sign-in page and reused by every test."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(BASE + "/")
    expect(page.locator("h1")).to_have_text("Sign in")
    sign_in(page)
    expect(page.locator("h1")).to_have_text("England: Integrated Care Boards")
    state = str(tmp_path_factory.mktemp("auth") / "state.json")
    context.storage_state(path=state)
    context.close()
    return state


@pytest.fixture
def page(browser, signed_in, request):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900}, storage_state=signed_in)
    page = context.new_page()
    problems = []
    # 422 is a form's answer to what it refuses (shown with the messages), not a failure of the page.
    refused = lambda status: status == 422
    page.on("console", lambda message: problems.append(f"console {message.type}: {message.text}")
            if message.type == "error" and "status of 422" not in message.text else None)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("response", lambda response: problems.append(f"HTTP {response.status} {response.url}")
            if response.status >= 400 and not refused(response.status) else None)
    yield page
    os.makedirs(ARTIFACTS, exist_ok=True)
    page.screenshot(path=os.path.join(ARTIFACTS, f"{request.node.name}.png"), full_page=True)
    context.close()
    assert problems == [], "\n".join(problems)


def test_pick_an_icb_then_a_contract_and_download_csv(page):
    page.goto(BASE + "/")
    expect(page.locator("h1")).to_have_text("England: Integrated Care Boards")
    expect(page.locator("#icbs tbody tr")).to_have_count(42)
    expect(page.locator("#icbs tfoot")).to_contain_text("England")

    # Pick an ICB by searching its name.
    page.fill("input[name=q]", "Cheshire")
    page.click("form.filter button")
    expect(page.locator("#icbs tbody tr")).to_have_count(1)
    page.click("#open-icb")
    expect(page.locator("h1")).to_have_text("NHS Cheshire and Merseyside Integrated Care Board")
    expect(page.locator(".figure").first).to_be_visible()
    expect(page.locator("#sub-icb-locations tbody tr").first).to_be_visible()

    # Its dental contracts, sorted by UDA target, largest first.
    page.click("a[href='/icbs/QYG/dental-contracts']")
    expect(page.locator("h1")).to_have_text("Dental contracts: Cheshire and Merseyside")
    expect(page.locator(".table-meta").first).to_contain_text("Showing 1–50 of")
    page.click("th a[title='Sort by UDA target']")
    page.click("th a[title='Sort by UDA target']")
    expect(page.locator("th[aria-sort=descending]")).to_contain_text("UDA target")

    # Download the list as CSV.
    with page.expect_download() as download_info:
        page.click("#dental-contracts a.csv")
    download = download_info.value
    assert download.suggested_filename == "QYG-dental-contracts-2025-26.csv"
    text = open(download.path(), encoding="utf-8").read()
    assert text.startswith("Contract,Provider,Postcode,LSOA (2011),UDA target (a year)")
    assert len(text.strip().splitlines()) > 250

    # The same list for 2016/17, chosen from the year navigation: the area team's contracts, counted for the ICB that
    # took them on.
    page.click("nav.years a:text-is('2016/17')")
    expect(page.locator("nav.years [aria-current=page]")).to_have_text("2016/17")
    expect(page.locator("main")).to_contain_text("2016/17 is final")
    with page.expect_download() as download_info:
        page.click("#dental-contracts a.csv")
    assert download_info.value.suggested_filename == "QYG-dental-contracts-2016-17.csv"
    assert len(open(download_info.value.path(), encoding="utf-8").read().strip().splitlines()) > 250

    # Open the first contract: monthly chart, table, its years, and the months' CSV.
    page.click("#dental-contracts tbody tr:first-child td:first-child a")
    expect(page.locator("svg.chart").first).to_be_visible()
    expect(page.locator("#months tbody tr").first).to_be_visible()
    expect(page.locator("nav.years")).to_be_visible()
    with page.expect_download() as download_info:
        page.click("#months a.csv")
    assert open(download_info.value.path(), encoding="utf-8").read().startswith("Month,UDA target (a year)")


def test_pick_an_icb_by_ods_code_and_browse_its_sites(page):
    page.goto(BASE + "/?q=QT6")
    page.click("#open-icb")
    expect(page.locator("h1")).to_contain_text("Cornwall and the Isles of Scilly")
    page.click("a[href='/icbs/QT6/pharmacies']")
    expect(page.locator("#pharmacies tbody tr").first).to_be_visible()
    page.go_back()
    page.click("a[href='/icbs/QT6/dental-practices']")
    expect(page.locator("#dental-practices tbody tr").first).to_be_visible()
    response = page.request.get(BASE + "/icbs/QT6/dental-practices?format=csv")
    assert response.status == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"


def test_about_the_data_and_print_layout(page):
    page.goto(BASE + "/about-the-data")
    expect(page.locator("#datasets tbody tr")).to_have_count(19)
    expect(page.locator("main")).to_contain_text("19 of 19 datasets imported")
    page.goto(BASE + "/icbs/QYG")
    page.emulate_media(media="print")
    expect(page.locator(".site-nav")).to_be_hidden()
    expect(page.locator(".figures")).to_be_visible()


def test_unknown_icb_is_a_clear_not_found_page(browser, signed_in):
    context = browser.new_context(storage_state=signed_in)
    page = context.new_page()
    response = page.goto(BASE + "/icbs/QZZ")
    assert response.status == 404
    expect(page.locator("main")).to_contain_text("No ICB with ODS code QZZ")
    context.close()


def test_dental_position_dashboard_and_recording_a_variation(page):
    page.goto(BASE + "/icbs/QYG")
    page.click("a[href='/icbs/QYG/dental-position']")
    expect(page.locator("h1")).to_contain_text("Dental position: Cheshire and Merseyside")
    expect(page.locator("svg.chart").first).to_be_visible()
    expect(page.locator("#bands tbody tr")).to_have_count(4)
    expect(page.locator("#top-risks tbody tr")).to_have_count(10)
    with page.expect_download() as download_info:
        page.click("#positions a.csv")
    assert open(download_info.value.path(), encoding="utf-8").read().startswith("Contract,Provider,UDA target (after variations)")

    # The largest risk: its mid-year review, forecast and the rules behind them.
    page.click("#top-risks tbody tr:first-child td:first-child a")
    expect(page.locator("#mid-year")).to_be_visible()
    # The learned forecast, its 80% interval's ends and two paces; or, for a part year, the two paces alone.
    expect(page.locator("#forecast tbody tr").first).to_be_visible()
    assert page.locator("#forecast tbody tr").count() in (2, 5)
    expect(page.locator("#why")).to_contain_text("KA-01672")

    # Record a hand-back through the form; the history shows it with who and why.
    page.select_option("#v-kind", "hand-back")
    page.fill("#v-effective", "2024-01-01")
    page.fill("#v-udas", "100")
    page.fill("#v-value", "3000")
    page.fill("#v-reason", "Browser test: practice handing back UDAs")
    page.click("form.record button[type=submit]")
    expect(page.locator("#variations table tbody tr")).to_have_count(1)
    expect(page.locator("#variations table")).to_contain_text("Demo administrator (demo@podium.example)")
    expect(page.locator("#why")).to_contain_text("recorded variations change the year's target")


def test_england_dental_position(page):
    page.goto(BASE + "/dental-position")
    expect(page.locator("h1")).to_contain_text("Dental position: England")
    expect(page.locator("#icb-positions tbody tr")).to_have_count(42)
    expect(page.locator("#icb-positions tfoot")).to_contain_text("England")
    page.fill("#s-overdelivery", "110")
    page.click("form.settings button")
    expect(page.locator(".lede").nth(1)).to_contain_text("over-delivery paid up to 110%")


def test_spc_charts_on_pharmacy_first_and_the_icb_dashboard(page):
    # Pharmacy First: England and the seven regions, each an XmR chart with its icons and direction in words.
    page.goto(BASE + "/")
    page.click(".site-nav a[href='/pharmacy-first']")
    expect(page.locator("h1")).to_have_text("Pharmacy First consultations")
    expect(page.locator("#areas tbody tr")).to_have_count(8)
    expect(page.locator("#conditions tbody tr")).to_have_count(7)
    expect(page.locator("svg.spc-chart")).to_have_count(8)
    expect(page.locator("#spc-area-england .spc-point")).to_have_count(12)  # February 2024 – January 2025
    expect(page.locator("#areas tbody tr").first.locator(".spc-icon")).to_have_count(1)  # no target, so no assurance icon
    expect(page.locator(".spc .direction").first).to_contain_text("higher is better")
    why = page.locator(".spc details").first  # open, so it prints; folds on a click
    expect(why.locator("li").first).to_be_visible()
    why.locator("summary").click()
    expect(why.locator("li").first).to_be_hidden()
    with page.expect_download() as download_info:
        page.click("#areas a.csv")
    assert open(download_info.value.path(), encoding="utf-8").read().startswith("Measure,Unit,Better is,Latest")

    # Printed for a committee paper: the charts stay, the navigation goes.
    page.emulate_media(media="print")
    expect(page.locator("#spc-area-london")).to_be_visible()
    expect(page.locator(".site-nav")).to_be_hidden()
    page.emulate_media(media="screen")

    # An ICB's dashboard: the board summary with both icons, the charts, and the funnel of its contracts.
    page.goto(BASE + "/icbs/QT6/dental-position")
    expect(page.locator("#spc-summary tbody tr")).to_have_count(3)
    expect(page.locator("#spc-summary tbody tr").first.locator(".spc-icon")).to_have_count(2)
    expect(page.locator("#spc-delivery")).to_be_visible()
    expect(page.locator("#funnel-chart circle").first).to_be_visible()
    expect(page.locator("#funnel tbody tr").first).to_be_visible()

    # A contract from the funnel: its own chart of delivery against profile.
    page.click("#funnel tbody tr:first-child td:first-child a")
    expect(page.locator("#spc-delivery")).to_be_visible()
    expect(page.locator("main")).to_contain_text("UDAs delivered against the working-day profile (% of profile): higher is better.")


def test_need_and_access_map_gap_list_and_what_if(page):
    # From the ICB page to its access page: the offline map, deciles and the gap list, downloadable.
    page.goto(BASE + "/icbs/QT6")
    page.click("a[href='/icbs/QT6/access']")
    expect(page.locator("h1")).to_have_text("Need and access: Cornwall and the Isles of Scilly")
    # Each 2021 LSOA of the ICB an area inside Cornwall's outline, neighbours faint, ONS credited.
    expect(page.locator("#access-map path.area").first).to_be_visible()
    assert page.locator("#access-map path.area").count() > 300
    assert page.locator("#access-map path.outline").count() == 1
    assert page.locator("#access-map path.neighbour").count() >= 1
    assert page.locator("#access-map rect.site").count() > 20
    expect(page.locator("#access-map")).to_contain_text("Source: Office for National Statistics")
    maps = os.path.join(ARTIFACTS, "maps")
    os.makedirs(maps, exist_ok=True)
    page.locator("#access-map").screenshot(path=os.path.join(maps, "access-QT6.png"))
    expect(page.locator("#decile-chart")).to_be_visible()
    expect(page.locator("#access-gaps tbody tr").first).to_be_visible()
    with page.expect_download() as download_info:
        page.click("#access-gaps a.csv")
    assert open(download_info.value.path(), encoding="utf-8").read().startswith("Gap rank")

    # Printed for a committee paper: the map stays, the navigation and forms go.
    page.emulate_media(media="print")
    expect(page.locator("#access-map")).to_be_visible()
    expect(page.locator("form.settings")).to_be_hidden()
    page.emulate_media(media="screen")

    # What if the first contract in the list hands back? Before and after maps, the decile chart and the changes.
    page.click("#access-sites tbody tr:first-child a:text('Close')")
    expect(page.locator("h1")).to_have_text("What if? Access in Cornwall and the Isles of Scilly")
    expect(page.locator("#result")).to_contain_text("Close ")
    expect(page.locator("#map-before")).to_be_visible()
    expect(page.locator("#map-after rect.site.highlighted")).to_have_count(1)
    # The difference map: a hand-back only makes access worse where it changes anything.
    assert page.locator("#map-change path.area.loss").count() >= 1
    assert page.locator("#map-change path.area.gain").count() == 0
    for name in ("map-before", "map-after", "map-change"):
        page.locator("#" + name).screenshot(path=os.path.join(maps, f"what-if-QT6-{name}.png"))
    expect(page.locator("#whatif-decile-chart")).to_be_visible()
    expect(page.locator("#access-changes tbody tr").first).to_be_visible()

    # A new practice at a postcode, through the form.
    page.select_option("#w-change", "open")
    page.fill("#w-postcode", "TR18 3PE")
    page.fill("#w-capacity", "8000")
    page.click("form.what-if button")
    expect(page.locator("#result")).to_contain_text("Open a site at TR18 3PE with capacity 8,000")
    expect(page.locator("main")).to_contain_text("People losing every site within 10 km")


def test_england_need_and_access(page):
    page.goto(BASE + "/")
    page.click(".site-nav a[href='/access']")
    expect(page.locator("h1")).to_have_text("Need and access in England")
    expect(page.locator("#access-icbs tbody tr")).to_have_count(42)
    page.select_option("#a-service", "pharmacy")
    page.click("form.settings button")
    expect(page.locator("#access-icbs thead")).to_contain_text("pharmacies per 10,000 residents in reach")


def test_pharmacy_and_optometry_registers_with_example_data(page):
    page.goto(BASE + "/icbs/QT6")
    page.click("a:text('Pharmacy closures and opening hours')")
    expect(page.locator("h1")).to_have_text("Pharmacy closures and opening hours: Cornwall and the Isles of Scilly")
    expect(page.locator("p.notice.example")).to_contain_text("Example data")
    expect(page.locator("#deciles tbody tr")).to_have_count(10)

    # Log a closure through the form: a temporary closure without hours is refused, and what was typed is kept.
    page.goto(BASE + "/icbs/QT6/records/pharmacy-closures/form")
    code = page.request.get(BASE + "/icbs/QT6/pharmacies?format=csv").text().splitlines()[1].split(",")[0]
    page.fill("#f-ods_code", code)
    page.fill("#f-date", "2026-11-02")
    page.select_option("#f-kind", "temporary")
    page.fill("#f-reason", "No pharmacist <b>today</b>")
    page.click("form.record-form button")
    expect(page.locator(".notice.error")).to_contain_text("a temporary closure needs the hours lost")
    expect(page.locator("#f-reason")).to_have_value("No pharmacist <b>today</b>")
    page.fill("#f-hours_lost", "3.5")
    page.click("form.record-form button")
    expect(page.locator("dl.facts")).to_contain_text("form")
    expect(page.locator("#f-hours_lost")).to_have_value("3.5")
    expect(page.locator("#changes")).to_contain_text("Demo administrator")
    expect(page.locator("#changes")).to_contain_text("Hours lost: 3.5")

    # Market entry: an application with the parties to notify within 2 km.
    page.goto(BASE + "/icbs/QT6/market-entry")
    page.click("#applications tbody tr:first-child a")
    expect(page.locator("#notify tbody tr").first).to_be_visible()

    # Optometry: the SPC chart, and the fee parameters price the vouchers.
    page.goto(BASE + "/icbs/QT6/optometry")
    expect(page.locator("#spc-sight-tests")).to_be_visible()
    page.fill("#voucher", "40.00")
    page.click("form.record-form button")
    expect(page.locator("#monthly tbody tr:first-child")).not_to_contain_text("GOS3 vouchers;")


def test_finance_page_workbook_and_england_view(page):
    """The ICB finance page, its XLSX read back by a spreadsheet library (every cell equal to the CSV), and print."""
    import csv
    import datetime
    import io

    import openpyxl

    page.goto(BASE + "/icbs/QT6")
    page.click("a[href='/icbs/QT6/finance']")
    expect(page.locator("h1")).to_contain_text("Finance: Cornwall and the Isles of Scilly")
    # The latest year with dental data, 2025/26, has ended: what was left uncommitted is told in the past tense.
    expect(page.locator("main")).to_contain_text("2025/26 ended on 31 March 2026. By the ICB")
    expect(page.locator("main")).not_to_contain_text("must be committed by")
    expect(page.locator("#lines tbody tr").first).to_contain_text("Dental: primary care")
    expect(page.locator("svg.chart").first).to_be_visible()

    # XLSX round trip: each table's sheet holds the same values as its CSV, typed, with number formats.
    workbook = openpyxl.load_workbook(io.BytesIO(page.request.get(BASE + "/icbs/QT6/finance?format=xlsx").body()))
    assert workbook.sheetnames == ["Summary", "Budget lines", "Monthly", "Options"]
    for sheet, table in [("Budget lines", "lines"), ("Monthly", "monthly"), ("Options", "options")]:
        rows = list(csv.reader(io.StringIO(page.request.get(BASE + f"/icbs/QT6/finance?format=csv&table={table}").text())))
        cells = list(workbook[sheet].iter_rows(min_row=3))
        assert [c.value for c in cells[0]] == rows[0]
        assert len(cells) == len(rows)
        for cell_row, csv_row in zip(cells[1:], rows[1:]):
            for cell, text in zip(cell_row, csv_row):
                if isinstance(cell.value, datetime.datetime):
                    assert cell.value.date().isoformat().startswith(text), (sheet, text)
                elif isinstance(cell.value, (int, float)):
                    assert abs(cell.value - float(text)) < 0.005, (sheet, text)
                    if "£" in cells[0][cell.column - 1].value:
                        assert "£" in cell.number_format and "0.00" in cell.number_format
                else:
                    assert (cell.value or "") == text, (sheet, text)
    summary = {row[0]: row[1] for row in workbook["Summary"].iter_rows(min_row=4, values_only=True)}
    assert summary["Financial year"] == "2025/26"
    assert isinstance(summary["Budget (£)"], (int, float)) and summary["Budget (£)"] > 0

    # Printed as a committee paper: the paper's heading shows, navigation and forms do not.
    page.emulate_media(media="print")
    expect(page.locator(".committee-paper")).to_be_visible()
    expect(page.locator(".committee-paper")).to_contain_text("Primary Care Commissioning Committee")
    expect(page.locator(".site-nav")).to_be_hidden()
    page.emulate_media(media="screen")
    expect(page.locator(".committee-paper")).to_be_hidden()

    # England view for regional assurance: one region at a time.
    page.goto(BASE + "/finance")
    page.select_option("#region", "Y58")
    page.click("form.settings button")
    expect(page.locator("h1")).to_contain_text("Finance: South West")
    expect(page.locator("#icb-finance tbody tr")).to_have_count(7)


def test_governance_page_and_committee_paper_pdf(page):
    """Governance from the ICB page; risks with live evidence; the committee paper printed to PDF by the server's
    headless Chromium and read page by page: the cover sheet first, then each section from the top of its own page."""
    import io

    from pypdf import PdfReader

    sections = ["1. Dental position", "2. Finance", "3. Access and inequalities", "4. Risks", "5. Decisions due and assurance"]
    page.goto(BASE + "/icbs/QT6")
    page.click("a[href='/icbs/QT6/governance']")
    expect(page.locator("h1")).to_contain_text("Governance: Cornwall and the Isles of Scilly")
    expect(page.locator("#delegation-in-force tbody tr")).to_have_count(7)
    expect(page.locator("#delegation-in-force")).to_contain_text("South West Collaborative Commissioning Hub")
    expect(page.locator("#risks-scored")).to_contain_text("projected year-end")
    expect(page.locator("#transformation-benefits tbody tr").first).to_be_visible()

    page.click("text=Committee paper (print or PDF)")
    expect(page.locator("table.cover-sheet").first).to_contain_text("Recommendations")
    expect(page.locator("section.paper-section")).to_have_count(len(sections))
    page.emulate_media(media="print")
    assert page.locator("section.paper-section").first.evaluate("e => getComputedStyle(e).breakBefore") == "page"
    expect(page.locator("form.filter")).to_be_hidden()
    page.emulate_media(media="screen")

    response = page.request.get(
        BASE + "/icbs/QT6/committee-paper?meeting=2026-12-01&agenda_item=7&author=A%20Commissioner&lead=A%20Director&format=pdf")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    os.makedirs(ARTIFACTS, exist_ok=True)
    with open(os.path.join(ARTIFACTS, "committee-paper-QT6.pdf"), "wb") as out:
        out.write(response.body())
    reader = PdfReader(io.BytesIO(response.body()))
    # Each page as a picture beside the PDF, for reviewing the paper without a PDF reader.
    import pymupdf

    pictures = os.path.join(ARTIFACTS, "committee-paper-QT6")
    os.makedirs(pictures, exist_ok=True)
    for number, rendered in enumerate(pymupdf.open(stream=response.body(), filetype="pdf"), start=1):
        rendered.get_pixmap(dpi=80).save(os.path.join(pictures, f"page-{number}.png"))
    # A4 (595 × 842 points), not US Letter (612 × 792).
    for number, pdf_page in enumerate(reader.pages, start=1):
        width, height = float(pdf_page.mediabox.width), float(pdf_page.mediabox.height)
        assert abs(width - 595.3) < 1 and abs(height - 841.9) < 1, (number, width, height)
    # Words as read from each page, whitespace made single (table cells wrap lines).
    raw = [" ".join((p.extract_text() or "").split()) for p in reader.pages]
    total = len(raw)
    assert 6 <= total <= 40, total
    header = "NHS Cornwall and the Isles of Scilly Integrated Care Board · Primary Care Commissioning Committee, 1 December 2026 · Agenda item 7"
    footer = "Cornwall and the Isles of Scilly · PCCC 1 December 2026 · Contains no patient-identifiable data"
    texts = []
    for number, text in enumerate(raw, start=1):
        # Every page carries the running header, the footer and "Page n of N" in its margins.
        for mark in (header, footer, f"Page {number} of {total}"):
            assert mark in text, (number, mark, text[:200])
            text = text.replace(mark, " ")
        texts.append(" ".join(text.split()))
    assert all(texts), "a blank page"
    # No web chrome: no site header or navigation, breadcrumb, row counts, CSV links or version footer.
    for chrome in ("Download CSV", "Sign out", "Commissioning workbench for", "rows.", "Podium 0.1", "Committee paper ›"):
        assert not any(chrome in text for text in texts), chrome
    assert "Primary Care Commissioning Committee, 1 December 2026" in texts[0]
    assert "Cover sheet" in texts[0] and "Recommendations" in texts[0]
    for field in ["Agenda item 7", "Author A Commissioner", "Executive lead A Director"]:
        assert field in texts[0], field
    starts = []
    for heading in sections:
        # The heading opens its page: nothing of the previous section shares the page above it.
        index = next(i for i, text in enumerate(texts) if heading in text)
        assert texts[index].startswith(heading), (heading, texts[index][:120])
        starts.append(index)
    assert starts == sorted(starts) and starts[0] >= 1, starts
    cover = "\n".join(texts[: starts[0]])
    for field in ["Purpose", "Key risks", "Financial implications", "Legal implications", "Health inequalities", "Equality",
                  "Patient and public involvement and engagement", "Declarations",
                  "Contains patient-identifiable data No."]:
        assert field in cover, field
    dental, finance, access = ("\n".join(texts[starts[i]: starts[i + 1]]) for i in range(3))
    assert "Largest projected clawback" in dental
    assert "Figure 1. UDAs delivered against the working-day profile" in dental
    assert "Budget and forecast outturn" in finance and "Figure 2. Spend each month" in finance
    assert "Figure 3. Access to NHS dentistry by neighbourhood" in access
    assert "Delegation in force on 1 December 2026" in "\n".join(texts[starts[4]:])


def test_finance_and_governance_print_as_a4_papers(page):
    """The finance and governance pages printed from the browser: A4, 'Page n of N' on every page, no web chrome, the
    charts that matter kept (spend by month with why outturn differs; the risk heat map) and no folded chart tables."""
    import io

    from pypdf import PdfReader

    for name, path, title, needed in [
        ("finance", "/icbs/QT6/finance", "Finance: Cornwall and the Isles of Scilly",
         ["a twelfth of the budget", "Twelve months of spend"]),
        ("governance", "/icbs/QT6/governance", "Governance: Cornwall and the Isles of Scilly",
         ["Open risks by current rating"]),
    ]:
        page.goto(BASE + path)
        page.emulate_media(media="print")
        pdf = page.pdf(prefer_css_page_size=True, print_background=True)
        os.makedirs(ARTIFACTS, exist_ok=True)
        page.emulate_media(media="screen")
        with open(os.path.join(ARTIFACTS, f"{name}-QT6.pdf"), "wb") as out:
            out.write(pdf)
        reader = PdfReader(io.BytesIO(pdf))
        texts = [" ".join((p.extract_text() or "").split()) for p in reader.pages]
        total = len(texts)
        assert 1 <= total <= 40, (name, total)
        for number, (pdf_page, text) in enumerate(zip(reader.pages, texts), start=1):
            width, height = float(pdf_page.mediabox.width), float(pdf_page.mediabox.height)
            assert abs(width - 595.3) < 1 and abs(height - 841.9) < 1, (name, number, width, height)
            assert f"Page {number} of {total}" in text, (name, number, text[:200])
        whole = " ".join(texts)
        assert title in whole, name
        for words in needed:
            assert words in whole, (name, words)
        for chrome in ("Sign out", "The figures in this chart", "Download CSV"):
            assert chrome not in whole, (name, chrome)


def test_sign_in_scope_and_sign_out(browser, signed_in):
    """A page asked for before signing in is shown after; a commissioner added on the users page reads their own ICB
    and is refused another; signing out ends the session."""
    admin = browser.new_context(storage_state=signed_in)
    page = admin.new_page()
    page.goto(BASE + "/admin/users")
    expect(page.locator("h1")).to_have_text("Users")
    page.fill("#u-email", "browser.commissioner@example.nhs.uk")
    page.fill("#u-name", "Browser Commissioner")
    page.select_option("#u-role", "commissioner")
    page.select_option("#u-icbs", ["QT6"])
    page.fill("#u-password", "a long browser password")
    page.click("#new-user button")
    expect(page.locator(".notice.success")).to_contain_text("Added browser.commissioner@example.nhs.uk")
    admin.close()

    context = browser.new_context()
    page = context.new_page()
    page.goto(BASE + "/icbs/QT6/governance")
    expect(page.locator("h1")).to_have_text("Sign in")
    sign_in(page, "browser.commissioner@example.nhs.uk", "a long browser password")
    expect(page.locator("h1")).to_contain_text("Governance")
    expect(page.locator("nav.account")).to_contain_text("Browser Commissioner")
    response = page.goto(BASE + "/icbs/QE1/governance")
    assert response.status == 403
    expect(page.locator("main")).to_contain_text("cannot see this")
    page.goto(BASE + "/account")
    page.click("nav.account button")
    expect(page.locator("h1")).to_have_text("Sign in")
    page.goto(BASE + "/icbs/QT6")
    expect(page.locator("h1")).to_have_text("Sign in")
    context.close()


def assert_dental_ranked(page, label=""):
    """The providers-at-risk page's dental contracts are ranked by score, highest first, and the highest scores above 0."""
    scores = [float(text) for text in page.locator("#dental tbody tr td:nth-child(4)").all_inner_texts()]
    assert scores == sorted(scores, reverse=True) and scores[0] > 0, label


def test_providers_at_risk_to_a_risk_in_the_log(page):
    """Providers at risk from the ICB page: ranked with reasons and a trend; a contract's breakdown; one click raises a
    risk that cites the live score; the digest lists what is new."""
    page.goto(BASE + "/icbs/QT6")
    page.click("a[href='/icbs/QT6/providers-at-risk']")
    expect(page.locator("h1")).to_have_text("Providers at risk: Cornwall and the Isles of Scilly")
    rows = page.locator("#dental tbody tr")
    assert rows.count() > 30
    expect(rows.first.locator("svg.sparkline")).to_be_visible()
    assert_dental_ranked(page)
    with page.expect_download() as download_info:
        page.click("#dental a.csv")
    assert open(download_info.value.path(), encoding="utf-8").read().startswith("Rank,Contract,Provider,Score")

    # The first contract's breakdown, then a risk raised from it.
    page.click("#dental tbody tr:first-child td:nth-child(2) a")
    expect(page.locator("section#early-warning h2")).to_contain_text("Early warning:")
    expect(page.locator("#warning-signals tbody tr")).to_have_count(11)
    page.click("section#early-warning form button")
    expect(page.locator("h1")).to_have_text("Record: risk log")
    expect(page.locator("#f-evidence")).to_have_value(re.compile(r"^warning:\d{10} contract:\d{10}$"))

    page.goto(BASE + "/digest")
    expect(page.locator("h1")).to_have_text("Your early-warning digest")


def test_every_icb_has_scores_and_reasons_on_the_bundled_data(page):
    """Every ICB's providers-at-risk page, on the full bundled data: dental contracts scored and ranked, the highest
    with its reasons in words and its SPC evidence link (the issue's "scores and reasons show for every ICB")."""
    icbs = page.request.get(BASE + "/api/v1/icbs").json()["icbs"]
    assert len(icbs) == 42
    for icb in icbs:
        page.goto(BASE + f"/icbs/{icb['odsCode']}/providers-at-risk")
        expect(page.locator("h1")).to_have_text(re.compile(r"^Providers at risk: \S"))
        rows = page.locator("#dental tbody tr")
        assert rows.count() > 10, icb["odsCode"]
        assert_dental_ranked(page, icb["odsCode"])
        reasons = rows.first.locator("td:nth-child(6)").inner_text()
        assert reasons != "no warning signs" and ":" in reasons, (icb["odsCode"], reasons)
        expect(rows.first.locator("td:nth-child(7) a")).to_have_attribute("href", re.compile(r"^/dental-contracts/\d{10}#spc-delivery$"))


# Every page kind of the workbench, on Cornwall and England: axe-core's WCAG 2.2 A and AA rules find nothing, and each
# is kept as a full-page screenshot at desktop and phone widths (CI artifacts).
PAGES = [
    ("home", "/"), ("icb", "/icbs/QT6"), ("england-dental-position", "/dental-position"),
    ("dental-position", "/icbs/QT6/dental-position"), ("dental-contracts", "/icbs/QT6/dental-contracts"),
    ("dental-data-checks", "/icbs/QT6/dental-data-checks"), ("dental-practices", "/icbs/QT6/dental-practices"),
    ("england-access", "/access"), ("access", "/icbs/QT6/access"), ("pharmacies", "/icbs/QT6/pharmacies"),
    ("pharmacy-closures", "/icbs/QT6/pharmacy-closures"), ("market-entry", "/icbs/QT6/market-entry"),
    ("market-entry-application", "/icbs/QT6/market-entry/EX-QT6-1"), ("england-pharmacy-first", "/pharmacy-first"),
    ("pharmacy-first", "/icbs/QT6/pharmacy-first"), ("optometry", "/icbs/QT6/optometry"),
    ("contracts-ending", "/icbs/QT6/optometry/contracts-ending"), ("finance", "/icbs/QT6/finance"),
    ("england-finance", "/finance"), ("governance", "/icbs/QT6/governance"),
    ("committee-paper", "/icbs/QT6/committee-paper"), ("providers-at-risk", "/icbs/QT6/providers-at-risk"),
    ("digest", "/digest"), ("about-the-data", "/about-the-data"), ("account", "/account"), ("users", "/admin/users"),
    ("risk-log", "/icbs/QT6/records/risks"), ("risk-form", "/icbs/QT6/records/risks/form"),
]
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def test_every_page_passes_axe_at_wcag_22_aa_and_is_kept_as_screenshots(page):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    folder = os.path.join(ARTIFACTS, "screens")
    os.makedirs(folder, exist_ok=True)
    # One pharmacy and one contract of Cornwall's, found as a reader would.
    page.goto(BASE + "/icbs/QT6/pharmacies")
    pharmacy = page.locator("table a[href^='/pharmacies/']").first.get_attribute("href")
    page.goto(BASE + "/icbs/QT6/dental-contracts")
    contract = page.locator("table a[href^='/dental-contracts/']").first.get_attribute("href")
    found = []
    for name, path in PAGES + [("pharmacy", pharmacy), ("dental-contract", contract)]:
        for width in (1400, 390):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(BASE + path, timeout=120000)
            page.screenshot(path=os.path.join(folder, f"{name}-{width}.png"), full_page=True)
            # Nothing wider than a phone's screen but the tables that scroll on their own.
            wide = page.evaluate("document.documentElement.scrollWidth")
            if wide > width:
                found.append(f"{path}: {wide} px wide at {width} px")
            if width == 1400:
                results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
                for violation in results.response["violations"]:
                    targets = [" ".join(node["target"]) for node in violation["nodes"][:3]]
                    found.append(f"{path}: {violation['id']} ({violation['impact']}) {violation['help']} at {targets}")
    assert not found, "\n".join(found)
