/// The workbench's only stylesheet, served at `/assets/podium.css` (no build step, no working-directory
/// dependence). Colours follow the NHS identity palette; print rules make pages fit for committee papers.
enum Stylesheet {
    /// The site icon: a white P on NHS blue.
    static let icon = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="4" fill="#005eb8"/><text x="16" y="24" font-family="Arial, sans-serif" font-size="22" font-weight="bold" fill="#fff" text-anchor="middle">P</text></svg>
        """

    static let css = """
        :root { --blue: #005eb8; --dark-blue: #003087; --text: #212b32; --secondary: #4c6272; --border: #d8dde0; --pale: #f0f4f5; --warm: #ffb81c; }
        * { box-sizing: border-box; }
        body { margin: 0; font-family: Arial, "Helvetica Neue", sans-serif; color: var(--text); background: #fff; line-height: 1.45; font-size: 16px; }
        a { color: var(--blue); }
        a:focus { outline: 3px solid var(--warm); background: var(--warm); color: #000; }
        .site-header { background: var(--blue); color: #fff; padding: 0.75rem 1.5rem; display: flex; flex-wrap: wrap; gap: 1rem; align-items: baseline; }
        .site-header .brand { color: #fff; font-weight: bold; font-size: 1.4rem; text-decoration: none; }
        .site-header .tagline { font-size: 0.9rem; opacity: 0.9; }
        .site-nav { margin-left: auto; display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; }
        .site-nav a { color: #fff; }
        .site-header .account { display: flex; gap: 0.8rem; align-items: baseline; padding-left: 1rem; border-left: 1px solid rgba(255,255,255,0.5); }
        .site-header .account a { color: #fff; }
        .site-header .account form { display: inline; margin: 0; }
        .site-header .account button { background: none; border: 1px solid #fff; color: #fff; padding: 0.1rem 0.5rem; cursor: pointer; font: inherit; }
        code.secret { font-size: 1.1rem; background: #fff; padding: 0.2rem 0.4rem; border: 1px solid var(--text); user-select: all; }
        .breadcrumbs { padding: 0.5rem 1.5rem; background: var(--pale); font-size: 0.9rem; }
        .breadcrumbs ol { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; }
        .breadcrumbs li + li::before { content: "›"; padding: 0 0.5rem; color: var(--secondary); }
        main { padding: 1rem 1.5rem 2rem; max-width: 1400px; }
        h1 { font-size: 1.8rem; margin: 0.5rem 0 1rem; }
        h2 { font-size: 1.3rem; margin: 2rem 0 0.75rem; }
        .lede { font-size: 1.1rem; color: var(--secondary); max-width: 60rem; }
        .figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: 0.75rem; margin: 1rem 0; }
        .figure { border: 1px solid var(--border); border-left: 6px solid var(--blue); padding: 0.6rem 0.8rem; background: #fff; }
        .figure p { margin: 0; }
        .figure-value { font-size: 1.5rem; font-weight: bold; }
        .figure-label { font-weight: bold; }
        .figure-note, .figure-source { font-size: 0.8rem; color: var(--secondary); }
        .links { display: flex; flex-wrap: wrap; gap: 1rem; padding: 0; list-style: none; }
        .links a { font-weight: bold; }
        .notice { border-left: 6px solid var(--warm); background: #fff9e6; padding: 0.6rem 0.8rem; max-width: 60rem; }
        .filter { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin: 0.5rem 0; }
        .filter input[type=search] { padding: 0.4rem; border: 2px solid var(--text); min-width: 18rem; font-size: 1rem; }
        .filter button, .button { padding: 0.45rem 0.9rem; background: #007f3b; color: #fff; border: 0; font-size: 1rem; cursor: pointer; text-decoration: none; }
        .table-meta { color: var(--secondary); font-size: 0.9rem; }
        .table-scroll { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
        caption { text-align: left; font-weight: bold; padding: 0.4rem 0; }
        th, td { border-bottom: 1px solid var(--border); padding: 0.35rem 0.5rem; vertical-align: top; }
        th { background: var(--pale); text-align: left; }
        th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
        th .unit { display: block; font-weight: normal; font-size: 0.75rem; color: var(--secondary); }
        tbody tr:nth-child(even) { background: #fafbfb; }
        tfoot td { font-weight: bold; border-top: 2px solid var(--text); }
        .pagination { display: flex; gap: 1rem; margin: 0.75rem 0; align-items: center; }
        .chart { width: 100%; max-width: 760px; height: auto; border: 1px solid var(--border); background: #fff; }
        .chart .bar { fill: var(--blue); }
        .chart .axis { stroke: var(--text); stroke-width: 1; }
        .chart .grid { stroke: var(--border); stroke-width: 1; }
        .chart .marker { stroke: var(--text); stroke-width: 2.5; stroke-dasharray: 5 3; }
        .chart .legend { font-size: 11px; }
        .chart text { font-size: 11px; fill: var(--text); }
        .chart .bar-value { font-size: 10px; }
        .chart .gap { fill: var(--secondary); font-style: italic; }
        .spc { margin: 0.5rem 0 1.5rem; }
        .spc-icons { display: flex; gap: 1.5rem; flex-wrap: wrap; margin: 0.25rem 0; }
        .spc-icon { display: inline-flex; align-items: center; gap: 0.4rem; font-size: 0.9rem; }
        .spc-note { font-size: 0.85rem; color: var(--secondary); max-width: 60rem; }
        .chart .spc-line { fill: none; stroke: #7f7f7f; stroke-width: 1.5; }
        .chart .spc-mean { stroke: #000; stroke-width: 1.5; }
        .chart .spc-limit { stroke: #7f7f7f; stroke-width: 1.5; stroke-dasharray: 6 4; }
        .chart .spc-sigma { stroke: #bfbfbf; stroke-width: 1; stroke-dasharray: 2 3; }
        .chart .spc-suspended { fill: #f3f2f1; stroke: none; }
        .chart .spc-target { stroke: #DE1B1B; stroke-width: 1.5; stroke-dasharray: 8 3 2 3; }
        .chart .spc-target-label { fill: #DE1B1B; font-weight: bold; }
        .chart .spc-label { fill: var(--secondary); font-style: italic; }
        .chart .funnel-limit { fill: none; stroke: #7f7f7f; stroke-width: 1.5; stroke-dasharray: 6 4; }
        /* Access maps: fifths of the score from least (q1, red) to most (q5, blue), a diverging scheme that stays
           distinct for the common colour-vision deficiencies; "no site in reach" is a hollow dot. */
        .map .area { stroke: #fff; stroke-width: 0.4; }
        .map .q1 { fill: #b2182b; } .map .q2 { fill: #ef8a62; } .map .q3 { fill: #e8d8a8; } .map .q4 { fill: #67a9cf; } .map .q5 { fill: #2166ac; }
        .map path.area { stroke-width: 0.3; }
        .map .none { fill: #fff; stroke: #333; stroke-width: 1; }
        .map path.none { stroke: #b1b4b6; stroke-width: 0.3; }
        .map .gain { fill: #2166ac; } .map .loss { fill: #b2182b; } .map .same { fill: #e8e8e8; }
        .map .neighbour { fill: #f3f2f1; stroke: #b1b4b6; stroke-width: 0.8; }
        .map .outline { fill: none; stroke: #0b0c0c; stroke-width: 1.5; }
        .map .credit { font-size: 10px; fill: #505a5f; }
        .map path.area:hover { stroke: #0b0c0c; stroke-width: 1.2; }
        .map rect.area { stroke: #505a5f; stroke-width: 0.5; }
        .map .site { fill: #000; }
        .map .site.highlighted { fill: #ffdd00; stroke: #000; stroke-width: 2; }
        /* A table too wide for the screen scrolls with its first (key) column kept in view. */
        .table-scroll th:first-child, .table-scroll td:first-child { position: sticky; left: 0; background: #fff; z-index: 1; box-shadow: 1px 0 0 var(--border); }
        .table-scroll thead th:first-child { background: var(--pale); }
        nav.on-this-page { border-left: 4px solid var(--blue); padding: 0.25rem 1rem; margin: 1rem 0 1.5rem; }
        nav.on-this-page h2 { font-size: 1.1rem; margin: 0.25rem 0; }
        nav.on-this-page ul { margin: 0; padding-left: 1.2rem; columns: 2 18rem; }
        details.chart-data { margin: 0.25rem 0 1rem; font-size: 0.9rem; }
        details.chart-data table { margin-top: 0.5rem; }
        details.chart-data caption { text-align: left; font-weight: bold; }
        .chart .axis-title { font-weight: bold; }
        .maps { display: flex; flex-wrap: wrap; gap: 1rem; }
        .maps figure { flex: 1 1 340px; margin: 0; }
        .chart .funnel-warning { fill: none; stroke: #bfbfbf; stroke-width: 1; stroke-dasharray: 2 3; }
        td .spc-icon-label { font-size: 0.8rem; }
        .flag { font-weight: bold; color: #d5281b; }
        .ok { color: #007f3b; font-weight: bold; }
        .why { max-width: 70rem; }
        .why li { margin-bottom: 0.35rem; }
        .why .source { color: var(--secondary); font-size: 0.85rem; }
        .errors { border: 4px solid #d5281b; padding: 0.5rem 1rem; max-width: 60rem; }
        .errors h2 { margin-top: 0.25rem; color: #d5281b; }
        form.record, form.record-form { display: grid; grid-template-columns: minmax(8rem, 22rem) minmax(12rem, 32rem); gap: 0.5rem 1rem; align-items: start; max-width: 60rem; margin-bottom: 1rem; }
        :is(form.record, form.record-form) h2 { grid-column: 1 / -1; margin-bottom: 0; }
        :is(form.record, form.record-form) label { font-weight: bold; padding-top: 0.3rem; }
        :is(form.record, form.record-form) .hint { display: block; font-weight: normal; font-size: 0.8rem; color: var(--secondary); }
        :is(form.record, form.record-form) :is(input, select, textarea) { padding: 0.35rem; border: 2px solid var(--text); font-size: 1rem; }
        :is(form.record, form.record-form) textarea { min-height: 4rem; }
        :is(form.record, form.record-form) button { grid-column: 2; justify-self: start; }
        form.inline { display: flex; gap: 0.4rem; flex-wrap: wrap; }
        form.inline input { padding: 0.2rem; border: 1px solid var(--text); }
        form.inline button { padding: 0.2rem 0.6rem; }
        .settings { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; margin: 0.5rem 0 1rem; }
        .years { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.5rem; margin: 0.5rem 0; }
        .years ul { display: flex; flex-wrap: wrap; gap: 0.25rem 0.75rem; list-style: none; margin: 0; padding: 0; }
        .years [aria-current] { font-weight: bold; }
        .years-label { margin: 0; }
        .data-age { color: #505a5f; }
        .direction { font-weight: bold; }
        .sources { margin-top: 2.5rem; font-size: 0.85rem; color: var(--secondary); border-top: 1px solid var(--border); }
        .sources li { overflow-wrap: anywhere; }
        .site-footer { padding: 1rem 1.5rem; font-size: 0.8rem; color: var(--secondary); border-top: 1px solid var(--border); }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
        dl.facts dt { font-weight: bold; }
        dl.facts dd { margin: 0; }
        .print-only { display: none; }
        table.heat-map { border-collapse: collapse; margin-bottom: 0.5rem; }
        table.heat-map th, table.heat-map td { border: 1px solid var(--border); padding: 0.4rem 0.6rem; text-align: center; min-width: 4.5rem; }
        table.heat-map td { font-weight: bold; font-size: 1.1rem; }
        /* NPSA grades: green low, yellow moderate, amber high, red extreme (text stays black for contrast and grey-scale print). */
        .grade-low { background: #c8e6c9; }
        .grade-moderate { background: #fff59d; }
        .grade-high { background: #ffcc80; }
        .grade-extreme { background: #ef9a9a; }
        table.cover-sheet { border-collapse: collapse; width: 100%; margin-bottom: 1.5rem; }
        table.cover-sheet caption { text-align: left; font-weight: bold; font-size: 1.2rem; padding-bottom: 0.5rem; }
        table.cover-sheet th, table.cover-sheet td { border: 1px solid var(--border); padding: 0.4rem 0.6rem; text-align: left; vertical-align: top; }
        table.cover-sheet th { width: 14rem; background: var(--pale); }
        table.cover-sheet ul { margin: 0; padding-left: 1.2rem; }
        /* A phone's width (390 px): nothing wider than the screen but the tables that scroll on their own. */
        @media (max-width: 40rem) {
          main { padding: 1rem 0.75rem 2rem; }
          .site-nav { margin-left: 0; }
          table.heat-map th, table.heat-map td { min-width: 0; padding: 0.3rem; }
          table.heat-map, details.chart-data table { table-layout: fixed; width: 100%; }
          table.heat-map th, details.chart-data th, details.chart-data td { overflow-wrap: anywhere; font-size: 0.8rem; }
          select, input { max-width: 100%; }
          table.cover-sheet th { width: auto; }
          table.cover-sheet th, table.cover-sheet td { overflow-wrap: anywhere; }
        }
        @media print {
          /* A4 with margins; every printed page numbered, the page's running header and footer in the margins
             (Layout.page sets their text). */
          @page {
            size: A4; margin: 20mm 16mm 20mm 16mm;
            @top-left { font: 8pt Arial, sans-serif; color: #333; }
            @bottom-left { font: 8pt Arial, sans-serif; color: #333; }
            @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8pt Arial, sans-serif; color: #333; }
          }
          .site-header, .breadcrumbs, .site-footer, .table-meta, .years { display: none !important; }
          figure.paper-figure { margin: 0.5rem 0 1rem; break-inside: avoid; page-break-inside: avoid; }
          figure.paper-figure figcaption { font-weight: bold; font-size: 10pt; margin-bottom: 0.25rem; }
          table.declarations { break-inside: avoid; }
          .paper-cover { break-after: page; page-break-after: always; }
          .table-section.keep { break-inside: avoid; page-break-inside: avoid; }
          /* A committee paper: the cover sheet on its own, then each section from the top of a page. */
          section.paper-section { break-before: page; page-break-before: always; }
          table.cover-sheet tr { break-inside: avoid; }
          table.cover-sheet th { background: none; }
          .print-only { display: block; }
          .committee-paper { border: 1px solid #000; padding: 0.25rem 0.75rem; margin-bottom: 1rem; }
          h2 { break-after: avoid; page-break-after: avoid; }
          .no-print, .site-nav, .filter, .pagination, a.csv { display: none !important; }
          .site-header { background: none; color: #000; border-bottom: 2px solid #000; padding: 0 0 0.5rem; }
          .site-header .brand { color: #000; }
          main { padding: 0; max-width: none; }
          body { font-size: 11pt; }
          a { color: #000; text-decoration: none; }
          table { font-size: 9pt; page-break-inside: auto; }
          tr { page-break-inside: avoid; }
          thead { display: table-header-group; }
          .figure { border-left-color: #000; }
          .chart .bar { fill: #555; }
          .spc, svg.chart { break-inside: avoid; page-break-inside: avoid; }
          .spc details > summary { list-style: none; font-weight: bold; }
          .table-scroll { overflow: visible; }
          details.chart-data { display: none; }
        }
        """
}
