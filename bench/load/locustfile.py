"""20 users mixing the pages as their roles (`plan.py`): committee members (dashboard, contract
list in its four forms, contract page, compliance), buyers (contract list, clause search) and
finance officers (budget grid, compliance, purchases of a rule), in the proportions of the
weights, each waiting 0.5–2 s between pages. At the end: median, p95 and p99 of each page, the
number of errors (any answer but 200), and the limits of issue 16 (p95 < 800 ms, no error);
the exit status is 1 when a limit is missed.

Run by `scripts/bench-load` (`make bench-load`), which starts gunicorn and writes the plan."""

import json
import os

from locust import HttpUser, between, events, task

with open(os.environ["BENCH_LOAD_PLAN"], encoding="utf-8") as handle:
    PLAN = json.load(handle)

P95_LIMIT_MS = 800
# The share of users of each role: committee members read the most pages.
ROLE_WEIGHTS = {"committee": 2, "buyer": 1, "finance": 1}


def _user_class(role: str, spec: dict):
    pages = [page for page in spec["pages"] for _ in range(page["weight"])]

    def visit(user):
        page = pages[user.turn % len(pages)]
        user.turn += 1
        with user.client.get(page["url"], name=page["name"], catch_response=True) as answer:
            if answer.status_code != 200:
                answer.failure(f"HTTP {answer.status_code}")

    def on_start(user):
        user.turn = hash(id(user)) % len(pages)
        user.client.cookies.set(PLAN["cookie"], spec["session"], domain="127.0.0.1")

    return type(
        f"{role.capitalize()}User",
        (HttpUser,),
        {
            "weight": ROLE_WEIGHTS[role],
            "wait_time": between(0.5, 2),
            "tasks": [task(visit)],
            "on_start": on_start,
        },
    )


for _role, _spec in PLAN["roles"].items():
    globals()[f"{_role.capitalize()}User"] = _user_class(_role, _spec)


@events.quitting.add_listener
def summary(environment, **kwargs):
    stats = environment.stats
    lines = [
        "",
        f"bench-load on {PLAN['organisation']}: {stats.total.num_requests} requests, "
        f"{stats.total.num_failures} errors",
        f"{'page':<26}{'requests':>9}{'errors':>8}{'median':>9}{'p95':>8}{'p99':>8}  (ms)",
    ]
    for entry in sorted(stats.entries.values(), key=lambda item: item.name):
        lines.append(
            f"{entry.name:<26}{entry.num_requests:>9}{entry.num_failures:>8}"
            f"{entry.median_response_time:>9.0f}{entry.get_response_time_percentile(0.95):>8.0f}"
            f"{entry.get_response_time_percentile(0.99):>8.0f}"
        )
    total = stats.total
    p95 = total.get_response_time_percentile(0.95)
    lines.append(
        f"{'all pages':<26}{total.num_requests:>9}{total.num_failures:>8}"
        f"{total.median_response_time:>9.0f}{p95:>8.0f}"
        f"{total.get_response_time_percentile(0.99):>8.0f}"
    )
    passed = p95 < P95_LIMIT_MS and total.num_failures == 0 and total.num_requests > 0
    lines.append(f"limits: p95 < {P95_LIMIT_MS} ms and no error: {'pass' if passed else 'FAIL'}")
    print("\n".join(lines))
    environment.process_exit_code = 0 if passed else 1
