"""Pages of the contracts, by sub-domain: `lists` (the list and its exports), `wizard` (the
buyer's form in five steps), `lifecycle` (the contract page, the review and the steps after
approval) and `opendata` (the DECP and OCDS files)."""
