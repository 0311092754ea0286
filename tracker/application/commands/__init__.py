"""Commands, one module per aggregate: each loads, calls the aggregate, commits, returns an id.

Every command is one transaction; the read models are written in it.
"""
