"""The pages of each role's journeys on the demo data, for the browser tests that check every
page (axe-core's WCAG 2.1 A/AA rules, the width of a phone). One list per person: a URL
pattern name, filled with the demo's objects (config.tests.demo_objects.parameters), or an
address. To check a new page, add its name to the list of the role that uses it.

Between them the lists open every HTML page of the project once at least; the pages that every
role sees (home, profile) are opened by each."""

from django.urls import reverse

EVERYONE = ["core:home", "accounts:profile", "accounts:password-change"]

JOURNEYS = {
    # Not logged in: logging in, the forgotten password, the public pages, the API's page.
    "": [
        "accounts:login",
        "accounts:password-reset",
        "accounts:password-reset-done",
        "site:accessibility",
        "site:legal-notice",
        "site:personal-data",
        "api:docs",
        "public:spaser",
    ],
    # Buyer: a contract from its list through the five steps of the wizard, its follow-up.
    "acheteur@npdc.test": [
        *EVERYONE,
        "purchasing:list",
        "purchasing:create",
        "purchasing:detail",
        "purchasing:step-needs",
        "purchasing:step-assessment",
        "purchasing:step-clauses",
        "purchasing:step-criteria",
        "purchasing:summary",
        "purchasing:follow-up",
        "clauses:list",
        "clauses:detail",
        "clauses:suggestions",
        "network:training-list",
        "network:training-detail",
        "network:meeting-list",
        "network:meeting-detail",
    ],
    # Advisor: the review queue, a contract, the supply chain's audits and findings.
    "conseillere@npdc.test": [
        *EVERYONE,
        "purchasing:review-queue",
        "purchasing:detail",
        "purchasing:opendata",
        "network:supplier-list",
        "network:supplier-detail",
        "network:site-create",
        "network:site-edit",
        "network:audit-create",
        "network:audit-detail",
        "network:audit-edit",
        "network:finding-create",
        "network:finding-edit",
        "network:finding-close",
        "network:group-list",
        "network:group-detail",
    ],
    # Department head: the department's contracts, budgets and compliance.
    "chef.lycees@npdc.test": [
        *EVERYONE,
        "purchasing:list",
        "budgets:budget-list",
        "budgets:compliance",
        "budgets:rule-purchases",
        "steering:report-list",
    ],
    # Finance officer: budgets, imports, the AGEC declaration.
    "finances@npdc.test": [
        *EVERYONE,
        "budgets:budget-list",
        "budgets:budget-year",
        "budgets:budget-set",
        "budgets:import-list",
        "budgets:import-upload",
        "budgets:import-codes",
        "budgets:import-detail",
        "budgets:import-reverse",
        "budgets:compliance",
        "budgets:agec",
        "budgets:rule-list",
    ],
    # Steering committee: the dashboard, the reports, the committee's meetings and decisions.
    "comite@npdc.test": [
        *EVERYONE,
        "steering:dashboard",
        "steering:report-list",
        "steering:report-detail",
        "steering:committee",
        "steering:committee-edit",
        "steering:committee-member-add",
        "steering:committee-member-detail",
        "steering:committee-member-edit",
        "steering:committee-member-end",
        "steering:committee-meeting-list",
        "steering:committee-meeting-add",
        "steering:committee-meeting-detail",
        "steering:committee-meeting-edit",
        "steering:committee-decision-add",
        "steering:committee-decision-detail",
        "steering:committee-decision-edit",
        "steering:spaser",
        "steering:spaser-scheme",
        "steering:spaser-report",
    ],
    # Clause library administrator: clauses, their versions, the reference data, the rules.
    "clauses@npdc.test": [
        *EVERYONE,
        "clauses:list",
        "clauses:create",
        "clauses:detail",
        "clauses:edit",
        "clauses:version",
        "clauses:history",
        "clauses:compare",
        "clauses:retire",
        "clauses:library-import",
        "clauses:family-list",
        "clauses:family-create",
        "clauses:family-edit",
        "clauses:family-history",
        "clauses:eco-label-list",
        "clauses:eco-label-create",
        "clauses:eco-label-edit",
        "clauses:eco-label-history",
        "clauses:cpv-list",
        "clauses:cpv-create",
        "clauses:cpv-edit",
        "budgets:rule-create",
        "budgets:rule-edit",
    ],
    # Network coordinator: the network, its meetings, projects, trainings and groups.
    "reseau@npdc.test": [
        *EVERYONE,
        "network:home",
        "network:members",
        "network:network-create",
        "network:network-edit",
        "network:member-add",
        "network:membership-edit",
        "network:contact-add",
        "network:contact-edit",
        "network:meeting-create",
        "network:meeting-edit",
        "network:meeting-attendance",
        "network:meeting-minutes-upload",
        "network:action-add",
        "network:action-edit",
        "network:project-list",
        "network:project-create",
        "network:project-detail",
        "network:project-edit",
        "network:milestone-add",
        "network:milestone-edit",
        "network:training-create",
        "network:training-update",
        "network:training-attendance",
        "network:training-cancel",
        "network:group-create",
        "network:group-edit",
        "network:group-members",
        "network:group-contracts",
    ],
    # Organisation administrator: people, departments, the public pages' information.
    "admin@npdc.test": [
        *EVERYONE,
        "accounts:person-list",
        "accounts:person-create",
        "accounts:person-detail",
        "accounts:person-edit",
        "accounts:department-list",
        "accounts:department-create",
        "accounts:department-edit",
        "accounts:public-information",
    ],
    # A buyer of another member of the purchasing group: the group and its contracts.
    "acheteur@lille-metropole.test": [
        *EVERYONE,
        "purchasing:list",
        "network:group-list",
        "network:group-detail",
        "network:supplier-list",
    ],
}


def journey_addresses(parameters: dict) -> dict[str, list[str]]:
    """{person's e-mail (empty: not logged in): [address, …]} from the lists above."""
    return {
        person: [
            entry if entry.startswith("/") else reverse(entry, kwargs=parameters.get(entry, {}))
            for entry in entries
        ]
        for person, entries in JOURNEYS.items()
    }
