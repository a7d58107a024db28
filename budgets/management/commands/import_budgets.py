from budgets.management.import_command import ImportCommand
from budgets.models import ImportKind


class Command(ImportCommand):
    help = (
        "Set budgets from a file (CSV or XLSX with the columns department;year;family;amount): "
        "each line creates or changes the budget of a department, year and purchase family. "
        "On any bad line, prints every error as 'line N, column C: message', writes nothing and "
        "exits with 1."
    )
    kind = ImportKind.BUDGETS
