"""`make bench-load`: 20 users mixing the pages as their roles for 60 s under gunicorn
(`scripts/bench-load`); `plan.py` picks the people and addresses from the database, the
locustfile plays them."""
