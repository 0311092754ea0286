"""The rules of DESIGN §3 as pure functions: figures, lights, statuses, overdue kinds, 考核.

They take values and return values: no storage, no framework, no clock.
"""
