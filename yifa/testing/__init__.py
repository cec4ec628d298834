"""Shared test helpers: factories for the organisation and roles, and the browser fixture."""
