from budgets.management.import_command import ImportCommand
from budgets.models import ImportKind


class Command(ImportCommand):
    help = (
        "Import purchase lines from the finance system (CSV or XLSX with the columns "
        "reference;date;department;family;supplier;description;amount_excl_vat;eco_labels;"
        "recycled_content;reuse). Lines whose reference is known are skipped. On any bad line, "
        "prints every error as 'line N, column C: message', writes nothing and exits with 1."
    )
    kind = ImportKind.PURCHASES
