"""Read model of the resident pages, one module per topic.

- :mod:`finance.topics.common`: :class:`~finance.topics.common.Line`, :class:`~finance.topics.common.Breakdown`,
  :class:`~finance.topics.common.Trend`, the display modes and the helpers that build them from table rows.
- :mod:`finance.topics.settlement`: where the money comes from and goes (歳入, 歳出 目的別 / 款 / 性質別), their
  groups (自主財源 / 依存財源, 義務的経費 / 投資的経費), trends and the revenue and expenditure pages.
- :mod:`finance.topics.funds`: savings (基金).
- :mod:`finance.topics.debt`: borrowing (地方債), the 交付税措置 part and 公債費.
- :mod:`finance.topics.staff`: staff counts (職員数) and personnel costs.
- :mod:`finance.topics.enterprise`: public enterprises (公営企業).
- :mod:`finance.topics.household`: the household analogy (家計に例えると) and the tax split.
"""
