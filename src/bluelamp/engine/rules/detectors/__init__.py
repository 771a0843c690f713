"""Shared detectors: computed once per post (through Subject) and reused by the rules."""
