"""The SPASER threshold in force since 1 January 2023: 50 M€ excl. VAT of yearly purchases
(art. D2111-3 of the Code de la commande publique, as amended by decree 2022-767)."""

import datetime
from decimal import Decimal

from django.db import migrations


def seed(apps, schema_editor):
    Threshold = apps.get_model("steering", "SpaserThreshold")
    Threshold.objects.get_or_create(
        valid_from=datetime.date(2023, 1, 1),
        defaults={
            "amount": Decimal("50000000.00"),
            "reference": (
                "Code de la commande publique, art. L2111-3 et D2111-3 "
                "(décret n° 2022-767 du 2 mai 2022)"
            ),
        },
    )


class Migration(migrations.Migration):
    dependencies = [("steering", "0003_spaser")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
