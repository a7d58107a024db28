"""Forms of the budgets pages, one module per part (budgets, imports, rules, compliance);
`common` holds what they share. They shape what the person typed or sent; the services check
the rights and validate the whole row (`full_clean`), and their errors come back on these
fields."""
