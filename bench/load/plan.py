"""The plan of the load run, read from the database the server uses: for each role, people of
one organisation (the one with most contracts) signed in by a session made here (no password,
no login page: the run measures the pages, not the password hashing), and the addresses they
open: the committee dashboard, the contract list (page 1, filtered, searched, a deep page), a
contract page, the budget grid, the compliance, the clause search, the purchases that count for
a rule. Printed as JSON for the locustfile.

Run with the server's settings and database: `python -m bench.load.plan > plan.json`."""

import json
import math
import os
import sys


def _session_for(user) -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.utils.module_loading import import_string

    store = import_string(f"{settings.SESSION_ENGINE}.SessionStore")()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def _person(organisation, role, **extra):
    from accounts.models import User

    return (
        User.objects.filter(organisation=organisation, is_active=True, groups__name=role, **extra)
        .order_by("pk")
        .first()
    )


def build() -> dict:
    from django.conf import settings
    from django.db.models import Count
    from django.urls import reverse

    from accounts.models import Organisation
    from accounts.roles import Role
    from budgets.models import Purchase, PurchasingRule
    from purchasing.models import Market

    organisation = (
        Organisation.objects.annotate(contracts=Count("markets"))
        .order_by("-contracts", "pk")
        .first()
    )
    if organisation is None:
        sys.exit("bench-load: the database holds no organisation (run make bench or seed_demo).")
    people = {
        "committee": _person(organisation, Role.COMMITTEE_MEMBER),
        "buyer": _person(organisation, Role.BUYER, department__isnull=False),
        "finance": _person(organisation, Role.FINANCE_OFFICER),
    }
    missing = [role for role, person in people.items() if person is None]
    if missing:
        sys.exit(f"bench-load: {organisation} has nobody with the role(s) {', '.join(missing)}.")

    markets = Market.objects.visible_to(people["committee"])
    pages = max(math.ceil(markets.count() / 25), 1)
    market = markets.order_by("-pk").first()
    word = (market.title.split() or ["marché"])[0] if market else "marché"
    purchase = Purchase.objects.filter(organisation=organisation).order_by("-date").first()
    year = purchase.date.year if purchase else 2026
    rule = PurchasingRule.objects.filter(organisation=organisation).order_by("pk").first()
    department = purchase.department.code if purchase else None

    contract_list = reverse("purchasing:list")
    pages_of = {
        "committee": [
            ("dashboard", reverse("steering:dashboard"), 3),
            ("contract list", contract_list, 2),
            ("contract list filtered", f"{contract_list}?statut=in_execution&social=oui", 2),
            ("contract list search", f"{contract_list}?q={word}", 2),
            ("contract list deep page", f"{contract_list}?page={max(pages * 3 // 4, 1)}", 1),
            ("compliance", reverse("budgets:compliance") + f"?annee={year}", 2),
        ],
        "buyer": [
            ("contract list", contract_list, 2),
            ("clause search", reverse("clauses:list") + "?q=insertion", 2),
        ],
        "finance": [
            ("budget grid", reverse("budgets:budget-year", args=[year]), 2),
            ("compliance", reverse("budgets:compliance") + f"?annee={year}", 1),
        ],
    }
    if market is not None:
        pages_of["committee"].append(
            ("contract page", reverse("purchasing:detail", args=[market.pk]), 3)
        )
    if rule is not None and department:
        pages_of["finance"].append(
            (
                "purchases list",
                reverse("budgets:rule-purchases", args=[year, department, rule.pk]),
                2,
            )
        )
    return {
        "organisation": str(organisation),
        "cookie": settings.SESSION_COOKIE_NAME,
        "roles": {
            role: {
                "session": _session_for(person),
                "email": person.email,
                "pages": [
                    {"name": name, "url": url, "weight": weight}
                    for name, url, weight in pages_of[role]
                ],
            }
            for role, person in people.items()
        },
    }


if __name__ == "__main__":
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
    django.setup()
    json.dump(build(), sys.stdout, ensure_ascii=False, indent=2)
