"""Reads of the budgets section, one module per part (budgets, imports, rules, compliance,
agec); `common` holds what they share. Callers import the module they read from."""
