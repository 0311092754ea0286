"""Read models: SQL tables derived from the event log, written in the events' transaction."""
