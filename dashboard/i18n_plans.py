"""Texts of the pages Nytt förbund (import of a federation) and Baslinje (the baseline editor and its versions): Swedish first, English second (merged into i18n.TEXT)."""

TEXT: dict[str, dict[str, str]] = {
}
