"""Importers for the ministry's (総務省) national tables of every local government body in Japan.

The package is pure: it reads the published spreadsheet and CSV files and returns typed records; it never imports
the web or plotting libraries. :mod:`finance.national.build` puts the importers together and writes the cleaned
CSV files of ``data/national`` (``python -m finance import-national``).

Modules:
    sheet: reading ``.xls``/``.xlsx`` sheets, text normalisation and the bilingual import issues.
    codes: 全国地方公共団体コード (check digit, kinds of body).
    shuyou: 主要財政指標 (全市町村・全都道府県・都道府県別平均) and the third-party conversion of FY2015–2024.
    juuki: 住民基本台帳に基づく人口 (population by body, with 政令市の区 kept apart).
    kessan: 市町村別決算状況調 (FY2019 settlement summary).
    build: name → code resolution, provenance, and the CSV files.
"""
