"""The roles of DESIGN.md §2. Each role is a Django group named by its code."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    BUYER = "buyer", _("Acheteur")
    ADVISOR = "advisor", _("Conseiller achats responsables")
    DEPARTMENT_HEAD = "department_head", _("Responsable de direction")
    FINANCE_OFFICER = "finance_officer", _("Gestionnaire financier")
    COMMITTEE_MEMBER = "committee_member", _("Membre du comité de pilotage")
    CLAUSE_ADMIN = "clause_admin", _("Administrateur de la bibliothèque de clauses")
    NETWORK_COORDINATOR = "network_coordinator", _("Coordinateur du réseau")
    ORG_ADMIN = "org_admin", _("Administrateur de l'organisation")


CAPABILITIES = {
    Role.BUYER: [
        _("Créer les marchés de votre direction et les modifier en brouillon ou renvoyés"),
        _("Soumettre un marché à la revue du conseiller achats responsables"),
        _("Enregistrer l'attribution et le suivi d'exécution des clauses"),
        _("Consulter la bibliothèque de clauses"),
        _("Vous inscrire aux formations et aux rencontres du réseau"),
    ],
    Role.ADVISOR: [
        _("Relire les marchés de votre organisation : approuver ou renvoyer avec commentaires"),
        _("Enregistrer les audits sociaux des fournisseurs et leurs constats"),
        _("Suivre les groupements de commandes que vous accompagnez"),
    ],
    Role.DEPARTMENT_HEAD: [
        _("Consulter les marchés, budgets et le respect des règles de votre direction"),
        _("Recevoir les alertes de votre direction"),
    ],
    Role.FINANCE_OFFICER: [
        _("Fixer les budgets par direction, année et famille d'achat"),
        _("Importer les achats depuis le logiciel financier, corriger ou annuler un import"),
    ],
    Role.COMMITTEE_MEMBER: [
        _("Consulter tous les tableaux de bord et rapports de votre organisation"),
        _("Télécharger les rapports trimestriels"),
        _("Gérer la composition du comité, ses réunions et ses décisions"),
        _("Demander le rapport d'un trimestre"),
    ],
    Role.CLAUSE_ADMIN: [
        _("Créer, modifier, approuver et retirer des clauses"),
        _("Gérer les familles d'achat, les écolabels et les règles d'achat"),
    ],
    Role.NETWORK_COORDINATOR: [
        _("Gérer le réseau, ses membres, ses rencontres et ses projets communs"),
        _("Gérer les groupements de commandes et les sessions de formation"),
    ],
    Role.ORG_ADMIN: [
        _("Gérer les personnes de votre organisation, leur direction et leurs rôles"),
        _("Gérer les directions de votre organisation"),
        _(
            "Tenir à jour les mentions légales, la déclaration d'accessibilité et la page des "
            "données personnelles"
        ),
        _("Créer les groupements de commandes dont votre organisation est coordonnatrice"),
    ],
}

# Django permissions each role's group holds, as "app_label.codename".
# Apps add their own entries as they arrive; the groups are synchronised after every migrate.
PERMISSIONS = {
    Role.BUYER: ["purchasing.edit_markets"],
    Role.ADVISOR: [
        "purchasing.review_markets",
        "purchasing.view_all_markets",
        "budgets.view_all_compliance",
        "network.record_audits",
        "steering.view_dashboard",
        "steering.read_reports",
    ],
    Role.DEPARTMENT_HEAD: [
        "purchasing.view_department_markets",
        "budgets.view_department_compliance",
        "steering.read_reports",
    ],
    Role.FINANCE_OFFICER: ["budgets.manage_budgets", "budgets.view_all_compliance"],
    Role.COMMITTEE_MEMBER: [
        "purchasing.view_all_markets",
        "budgets.view_all_compliance",
        "steering.view_dashboard",
        "steering.manage_committee",
        "steering.request_reports",
        "steering.read_reports",
    ],
    Role.CLAUSE_ADMIN: ["clauses.manage_clauses", "budgets.manage_rules"],
    Role.NETWORK_COORDINATOR: ["network.coordinate_network", "network.manage_groups"],
    Role.ORG_ADMIN: [
        "accounts.manage_people",
        "accounts.manage_departments",
        "accounts.manage_public_information",
        "network.manage_groups",
        "steering.manage_committee",
    ],
}
