"""Writes of the budgets section, one module per part (budgets, imports, rules, alerts). Each
checks the actor's right, validates, writes in one transaction and leaves a history row naming
its author. Callers import the module they write with."""
