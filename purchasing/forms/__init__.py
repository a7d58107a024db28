"""Forms of the contract pages, by sub-domain (`lists`, `wizard`, `lifecycle`), and the fields
they share (`fields`)."""
