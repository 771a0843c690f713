"""Disclosure and Freedom of Information exports (CC/01 4.4, 4.26): everything an account said,
with its findings and history, as CSV, JSON or PDF."""
