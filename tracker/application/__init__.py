"""The eventsourcing application: commands that change aggregates, queries that read."""
