"""Validation findings: what is wrong, where (file, line, column, value) and how to fix it, in Japanese and English."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from finance.text import t

Severity = Literal["error", "notice"]


@dataclass(frozen=True)
class Issue:
    """One finding of the validator.

    Attributes:
        file: path of the CSV file relative to the data folder.
        line: 1-based line number in the file (1 = header), ``None`` when the finding concerns the whole file.
        column: the column concerned, if any.
        value: the offending cell as text, if any.
        code: the message key under ``validation.`` in the catalogs (``<code>`` and ``<code>_fix``).
        params: values for the message placeholders.
        severity: ``"error"`` (the data cannot be served) or ``"notice"`` (a recorded discrepancy, loaded as printed).
    """

    file: str
    line: int | None
    column: str | None
    value: str | None
    code: str
    params: dict[str, str] = field(default_factory=dict)
    severity: Severity = "error"

    def message(self, locale: str) -> str:
        """What is wrong, in ``locale``."""
        return t(f"validation.{self.code}", locale, **self.params)

    def fix(self, locale: str) -> str:
        """What to do about it, in ``locale``."""
        return t(f"validation.{self.code}_fix", locale, **self.params)

    def where(self, locale: str) -> str:
        """``"settlement.csv 12行目 列「amount_thousand_yen」 値「12a」"`` or the English equivalent."""
        parts = [self.file]
        if self.line is not None:
            parts.append(t("validation.where_line", locale, line=self.line))
        if self.column:
            parts.append(t("validation.where_column", locale, column=self.column))
        if self.value is not None:
            parts.append(t("validation.where_value", locale, value=_clip(self.value)))
        return " ".join(parts)

    def render(self, locale: str) -> str:
        """One line: where, what, and the fix."""
        return f"{self.where(locale)}: {self.message(locale)} {t('validation.fix_prefix', locale)}{self.fix(locale)}"

    def render_bilingual(self) -> str:
        """The Japanese line followed by the English line (for the command line and the start-up refusal)."""
        return f"{self.render('ja')}\n    {self.render('en')}"

    def sort_key(self) -> tuple[str, int, str]:
        """Order by file, line, column."""
        return (self.file, self.line or 0, self.column or "")


def _clip(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


class DataValidationError(Exception):
    """The data folder is not valid: nothing of it may be served. ``issues`` lists every error found."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = sorted(issues, key=Issue.sort_key)
        super().__init__(report(self.issues))


def report(issues: list[Issue]) -> str:
    """A bilingual multi-line report with a count in the first line."""
    errors = [i for i in issues if i.severity == "error"]
    notices = [i for i in issues if i.severity == "notice"]
    lines = [
        t("validation.summary", "ja", errors=len(errors), notices=len(notices)),
        t("validation.summary", "en", errors=len(errors), notices=len(notices)),
    ]
    lines += [f"[{t('validation.error_tag', 'ja')}] {i.render_bilingual()}" for i in errors]
    lines += [f"[{t('validation.notice_tag', 'ja')}] {i.render_bilingual()}" for i in notices]
    return "\n".join(lines)
