"""The audit log: one append-only table of who did what to which record, when and why.

Every action function writes here (Zulip's RealmAuditLog, Wagtail's log entries). Rows cannot be
changed or deleted from any screen or through the ORM; only the retention purge removes rows, and
never rows younger than six months (网络安全法 art.21).
"""
