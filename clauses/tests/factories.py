import factory

from clauses.models import CpvCode, EcoLabel, EcoLabelProof, PurchaseFamily


class PurchaseFamilyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PurchaseFamily
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"famille-{n}")
    name = factory.Sequence(lambda n: f"Famille {n}")
    cpv_prefixes = factory.LazyFunction(lambda: ["391"])


class CpvCodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CpvCode
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"{99000000 + n:08d}-0")
    label_en = factory.Sequence(lambda n: f"Product {n}")


class EcoLabelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EcoLabel
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"label-{n}")
    name = factory.Sequence(lambda n: f"Label {n}")
    proves = EcoLabelProof.ECO_RESPONSIBLE
