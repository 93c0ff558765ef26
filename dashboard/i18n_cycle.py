"""Texts of the pages Uppföljning (budget against outcome) and Ny verksamhetsplan (roll the plan forward): Swedish first, English second (merged into i18n.TEXT)."""

TEXT: dict[str, dict[str, str]] = {
}
