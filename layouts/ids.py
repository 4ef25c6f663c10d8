"""Every component id, declared once. Grammar: ``<scope>-<subject>-<kind>``, kebab-case, no '.' or '{'.

scope: ``app`` for the shell, else the page name. kind: select | radio | store | link | content | text | graph |
table | card | button | download.
"""

# shell
URL = "app-url"
STATE_STORE = "app-state-store"
MUNICIPALITY_SELECT = "app-municipality-select"
YEAR_SELECT = "app-year-select"
LANG_RADIO = "app-lang-radio"
PAGE_CONTENT = "app-page-content"
NAV = "app-nav"
HEADER_TITLE = "app-header-title"
FOOTER_TEXT = "app-footer-text"
MUNICIPALITY_LABEL = "app-municipality-label"
YEAR_LABEL = "app-year-label"
SKIP_LINK = "app-skip-link"

# overview
OVERVIEW_CONTENT = "overview-content"
OVERVIEW_SENTENCE = "overview-sentence-text"
OVERVIEW_TREND_GRAPH = "overview-trend-graph"

# indicators (健全化判断比率)
INDICATORS_CONTENT = "indicators-content"
INDICATORS_TREND_GRAPH = "indicators-trend-graph"  # used as {"type": INDICATORS_TREND_GRAPH, "index": indicator}
INDICATORS_BREAKDOWN_GRAPH = "indicators-breakdown-graph"  # pattern-matching like the trend graph
INDICATORS_ENTERPRISE_GRAPH = "indicators-enterprise-graph"

# --- resident pages (revenue, expenditure, funds, debt, staff, enterprises, glossary, tax use) ---
