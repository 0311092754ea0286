"""Queries: objects whose methods return rows and dataclasses, never aggregates.

Each reads the read models through a ``Reader`` — now, or as of a past moment —
and, for history, the log. Nothing here changes anything.
"""
