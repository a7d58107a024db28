from django.apps import AppConfig


class BenchConfig(AppConfig):
    """A development tool, not part of the product: `manage.py bench` measures the contract
    pages at scale (DESIGN.md §6)."""

    name = "bench"
    verbose_name = "Banc d'essai"
