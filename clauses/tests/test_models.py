import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from clauses.models import CpvCode, EcoLabel, EcoLabelProof
from clauses.tests.factories import CpvCodeFactory, EcoLabelFactory, PurchaseFamilyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def vocabulary():
    for code in ["39100000-3", "39110000-6", "39111000-3", "39200000-4", "45000000-7"]:
        CpvCodeFactory(code=code)


def test_a_code_has_its_eight_digits_without_the_check_digit():
    assert CpvCode(code="39110000-6").digits == "39110000"


def test_a_prefix_matches_the_codes_of_its_branch(vocabulary):
    assert list(CpvCode.objects.matching_prefix("391").values_list("code", flat=True)) == [
        "39100000-3",
        "39110000-6",
        "39111000-3",
    ]
    assert list(CpvCode.objects.matching_prefix("39111000").values_list("code", flat=True)) == [
        "39111000-3"
    ]
    assert CpvCode.objects.matching_prefix("3").count() == 4
    assert not CpvCode.objects.matching_prefix("4511").exists()


@pytest.mark.parametrize("prefix", ["", "391\n", "39-1", "391000000", "3911000-3", "abc"])
def test_a_prefix_that_is_not_1_to_8_digits_is_refused(prefix):
    with pytest.raises(ValueError, match="A CPV prefix is 1 to 8 digits"):
        CpvCode.objects.matching_prefix(prefix)


def test_the_database_refuses_a_malformed_cpv_code():
    with pytest.raises(IntegrityError):
        CpvCode.objects.create(code="3910000-03", label_en="Furniture")


def test_the_database_refuses_two_codes_with_the_same_digits():
    CpvCodeFactory(code="39100000-3")

    with pytest.raises(IntegrityError):
        CpvCode.objects.create(code="39100000-4", label_en="Furniture")


def test_an_eco_label_guarantees_at_most_100_percent_recycled_content():
    with pytest.raises(IntegrityError):
        EcoLabel.objects.create(
            code="recycled-150",
            name="150 % recyclé",
            proves=EcoLabelProof.RECYCLED_CONTENT,
            recycled_content_percent=150,
        )


def test_an_eco_label_may_guarantee_0_or_100_percent_or_nothing():
    for percent in [0, 100, None]:
        EcoLabelFactory(recycled_content_percent=percent).full_clean()


def test_the_form_validation_explains_the_recycled_content_range():
    label = EcoLabelFactory.build(code="recycled-101", recycled_content_percent=101)

    with pytest.raises(ValidationError) as raised:
        label.full_clean()

    assert raised.value.message_dict["recycled_content_percent"] == [
        "Assurez-vous que cette valeur est inférieure ou égale à 100."
    ]


@pytest.mark.parametrize(
    ("prefixes", "message"),
    [
        ("391", "Saisissez une liste de préfixes CPV."),
        (["391", "39-1"], "« 39-1 » n'est pas un préfixe CPV : de 1 à 8 chiffres."),
        (["391", 391], "« 391 » n'est pas un préfixe CPV : de 1 à 8 chiffres."),
        (["391", "391"], "Un préfixe CPV est répété."),
    ],
)
def test_a_family_refuses_malformed_cpv_prefixes(prefixes, message):
    family = PurchaseFamilyFactory.build(code="chairs", name="Chaises", cpv_prefixes=prefixes)

    with pytest.raises(ValidationError) as raised:
        family.full_clean()

    assert raised.value.message_dict["cpv_prefixes"] == [message]


def test_the_database_refuses_an_agec_category_outside_the_schema():
    with pytest.raises(IntegrityError):
        PurchaseFamilyFactory(agec_category="Papeterie")


def test_a_family_change_is_kept_in_its_history():
    family = PurchaseFamilyFactory(code="chairs", name="Chaises")

    family.name = "Sièges"
    family.save()

    assert [row.name for row in family.history.order_by("history_date")] == ["Chaises", "Sièges"]
