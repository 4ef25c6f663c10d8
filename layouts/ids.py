"""Every component id, declared once. Grammar: ``<scope>-<subject>-<kind>``, kebab-case, no '.' or '{'.

scope: ``app`` for the shell, else the page name. kind: select | radio | group | store | link | content | text |
graph | table | card | button | download | input.
"""

# shell
URL = "app-url"
STATE_STORE = "app-state-store"
MUNICIPALITY_SELECT = "app-municipality-select"
YEAR_SELECT = "app-year-select"
LANG_RADIO = "app-lang-radio"
PAGE_CONTENT = "app-page-content"
NAV_MENU = "app-nav-menu"
NAV_MENU_LABEL = "app-nav-menu-text"
NAV = "app-nav"
HEADER_TITLE = "app-header-title"
FOOTER_TEXT = "app-footer-text"
MUNICIPALITY_LABEL = "app-municipality-label"
YEAR_LABEL = "app-year-label"
SKIP_LINK = "app-skip-link"
MODE_LINKS = "app-mode-links"  # total / per resident / share of the resident pages (URL parameter ``mode``)
MODE_GROUP = "app-mode-group"  # the labelled group around it, shown only on the pages that use it
MODE_LABEL = "app-mode-label"
PICKER_INPUT = "app-picker-input"  # type part of a name or a code: the bodies that match, as links
PICKER_LABEL = "app-picker-label"
PICKER_HINT = "app-picker-text"
PICKER_RESULTS = "app-picker-content"

# overview
OVERVIEW_CONTENT = "overview-content"
OVERVIEW_SENTENCE = "overview-sentence-text"
OVERVIEW_TREND_GRAPH = "overview-trend-graph"
OVERVIEW_ANSWER = "overview-answer"
OVERVIEW_VERDICT = "overview-verdict"

# indicators (健全化判断比率)
INDICATORS_CONTENT = "indicators-content"
INDICATORS_TREND_GRAPH = "indicators-trend-graph"  # used as {"type": INDICATORS_TREND_GRAPH, "index": indicator}
INDICATORS_BREAKDOWN_GRAPH = "indicators-breakdown-graph"  # pattern-matching like the trend graph
INDICATORS_ENTERPRISE_GRAPH = "indicators-enterprise-graph"

# --- resident pages (revenue, expenditure, funds, debt, staff, enterprises, glossary, tax use) ---
RESIDENT_GRAPH = "resident-chart-graph"  # used as {"type": RESIDENT_GRAPH, "index": "<page>-<chart>"}
REVENUE_CONTENT = "revenue-content"
REVENUE_SENTENCE = "revenue-sentence-text"
EXPENDITURE_CONTENT = "expenditure-content"
EXPENDITURE_SENTENCE = "expenditure-sentence-text"
FUNDS_CONTENT = "funds-content"
FUNDS_SENTENCE = "funds-sentence-text"
DEBT_CONTENT = "debt-content"
DEBT_SENTENCE = "debt-sentence-text"
STAFF_CONTENT = "staff-content"
STAFF_SENTENCE = "staff-sentence-text"
ENTERPRISE_CONTENT = "enterprise-content"
ENTERPRISE_SENTENCE = "enterprise-sentence-text"
HOUSEHOLD_CONTENT = "household-content"
HOUSEHOLD_SENTENCE = "household-sentence-text"
TAX_CONTENT = "tax-content"
TAX_AMOUNT_INPUT = "tax-amount-input"
TAX_SENTENCE = "tax-sentence-text"
GLOSSARY_CONTENT = "glossary-content"
GLOSSARY_TERM = "glossary-term"  # anchor prefix: f"{GLOSSARY_TERM}-{key}" on each entry of the 用語集

# --- council and PR tools: data downloads and embeds ---
DOWNLOAD_LINK = "tools-download-link"  # used as {"type": DOWNLOAD_LINK, "index": "<dataset>-<csv|xlsx>"}
EMBED_SNIPPET = "tools-embed-text"  # the copyable <iframe> code: {"type": EMBED_SNIPPET, "index": "<figure>"}
EMBED_CONTENT = "embed-content"
EMBED_SENTENCE = "embed-sentence-text"
EMBED_GRAPH = "embed-chart-graph"

# compare
COMPARE_SELECT = "compare-municipality-checklist"
COMPARE_CONTENT = "compare-content"
COMPARE_SEARCH = "compare-search"
FIGURE_ANCHOR = "figure"  # HTML id prefix of a figure section: f"{FIGURE_ANCHOR}-{key}" (target of ?fig=<key>)
HANDOUT_LINKS = "tools-handout-content"  # the overview's links to /handout, /handout.pdf and /present
