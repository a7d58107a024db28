"""Pages of the budgets app, one module per part: budgets, imports, compliance, rules, AGEC.

Every view checks the right first (budgets.access), before reading any row: 404 for a row of
another organisation, 403 for a person of the organisation without the right."""
