"""Importers for the ministry's (総務省) national tables of every local government body in Japan.

The package is pure: it reads the published spreadsheet and CSV files and returns typed records; it never imports
the web or plotting libraries. :mod:`finance.national.build` puts the importers together and
:mod:`finance.national.output` writes the cleaned CSV files of ``data/national``
(``python -m finance import-national``).

Modules:
    sheet: reading ``.xls``/``.xlsx`` sheets, text normalisation and the bilingual import issues.
    codes: 全国地方公共団体コード (check digit, kinds of body).
    shuyou: 主要財政指標 (全市町村・全都道府県・都道府県別平均) and the third-party conversion of FY2015–2024.
    juuki: 住民基本台帳に基づく人口 (population by body, with 政令市の区 kept apart).
    kessan: 市町村別決算状況調 (FY2019 settlement summary).
    collect: sources and checksums, the population files, name → code resolution and the bodies.
    build: the fiscal tables added on top of :mod:`collect`, and :func:`build` running a whole import.
    output: the written tables (columns, reason codes), their CSV files and ``datapackage.json``.
"""
