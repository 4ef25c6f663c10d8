"""The one stateful module: the dataset is loaded and validated once per process and then only read."""

from __future__ import annotations

from pathlib import Path

from finance.load import MAX_FILE_BYTES, Dataset, load_dataset

_dataset: Dataset | None = None


def init(data_dir: str | Path, max_file_bytes: int = MAX_FILE_BYTES) -> Dataset:
    """Load and validate ``data_dir`` and make it the served dataset.

    On invalid data :class:`~finance.validation.DataValidationError` propagates and the dataset served so far
    (if any) stays in place: a failed update never replaces good data with half-valid data.
    """
    global _dataset
    dataset = load_dataset(data_dir, max_file_bytes)
    _dataset = dataset
    return dataset


def get() -> Dataset:
    """The served dataset; :func:`init` must have been called."""
    if _dataset is None:
        raise RuntimeError("repository.init() has not been called")
    return _dataset
