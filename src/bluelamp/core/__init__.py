"""Core: the user model, roles and permissions, ApplicationError, and shared helpers."""
