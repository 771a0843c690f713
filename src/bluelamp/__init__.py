"""Bluelamp: runs a police force's social media the way its policy says it must be run."""

__version__ = "0.1.0"
