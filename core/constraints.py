"""Database constraints the apps' models share."""

from django.db import models


def choices_constraint(field: str, choices: type[models.Choices], *, name: str):
    """The column only takes the values of its `TextChoices` (the database holds the rule as
    well as the forms)."""
    return models.CheckConstraint(condition=models.Q(**{f"{field}__in": choices.values}), name=name)
