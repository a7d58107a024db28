"""Writes of the clauses app, by sub-domain: `library`, `reference`, `exchange`."""
