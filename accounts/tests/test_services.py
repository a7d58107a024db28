import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError

from accounts import demo, services
from accounts.models import User
from accounts.roles import Role
from accounts.validators import validate_siret
from core import siret

pytestmark = pytest.mark.django_db


def create(actor, **fields):
    return services.user_create(
        actor=actor,
        email="nina.roy@roubaix.test",
        first_name="Nina",
        last_name="Roy",
        send_invitation=False,
        **fields,
    )


def test_a_buyer_cannot_create_a_person(bob):
    with pytest.raises(PermissionDenied):
        create(bob)

    assert not User.objects.filter(email="nina.roy@roubaix.test").exists()


def test_it_refuses_an_unknown_role(alice):
    with pytest.raises(ValidationError) as error:
        create(alice, roles=[Role.BUYER, "chef"])

    assert error.value.message_dict == {"roles": ["Rôle inconnu : chef."]}
    assert not User.objects.filter(email="nina.roy@roubaix.test").exists()


def test_it_refuses_a_department_of_another_organisation(alice, charlie):
    with pytest.raises(ValidationError) as error:
        create(alice, department=charlie.department)

    assert error.value.message_dict == {
        "department": ["La direction doit appartenir à votre organisation."]
    }


def test_it_creates_the_person_in_the_actor_s_organisation_with_a_normalised_address(alice):
    nina = services.user_create(
        actor=alice,
        email="Nina.Roy@Roubaix.TEST",
        first_name="Nina",
        last_name="Roy",
        roles=[Role.BUYER],
        send_invitation=False,
    )

    assert nina.email == "nina.roy@roubaix.test"
    assert nina.organisation == alice.organisation
    assert nina.has_role(Role.BUYER)


def test_an_administrator_cannot_change_a_person_of_another_organisation(alice, charlie):
    with pytest.raises(PermissionDenied):
        services.user_set_active(actor=charlie, person=alice, active=False)


def test_it_accepts_a_siret_with_a_right_key():
    validate_siret("73282932000074")


def test_it_accepts_a_la_poste_establishment_whose_digits_add_up_to_a_multiple_of_five():
    validate_siret("35600000000010")


def test_it_refuses_a_la_poste_establishment_whose_digits_do_not_add_up():
    with pytest.raises(ValidationError) as error:
        validate_siret("35600000000011")

    assert error.value.code == "siret_key"


def test_it_accepts_the_la_poste_head_office_whose_key_is_an_ordinary_one():
    validate_siret("35600000000048")


def test_it_refuses_a_siret_of_13_digits():
    with pytest.raises(ValidationError) as error:
        validate_siret("7328293200007")

    assert error.value.messages == ["Le SIRET doit comporter exactement 14 chiffres, sans espace."]


def test_it_refuses_a_siret_with_spaces():
    with pytest.raises(ValidationError) as error:
        validate_siret("732 829 320 00074")

    assert error.value.code == "siret_format"


def test_it_refuses_a_siret_with_a_wrong_key():
    with pytest.raises(ValidationError) as error:
        validate_siret("73282932000075")

    assert error.value.messages == [
        "Ce SIRET n'existe pas : sa clé de contrôle est fausse. Vérifiez les chiffres."
    ]


def test_it_refuses_a_siret_whose_siren_fails_its_key_though_the_14_digits_pass():
    # 441 234 560 is no SIREN: its Luhn key is wrong; the 14 digits pass theirs.
    assert siret.key_is_valid("44123456000122")
    with pytest.raises(ValidationError) as error:
        validate_siret("44123456000122")

    assert error.value.code == "siren_key"
    assert error.value.messages == [
        "Ce SIRET n'existe pas : la clé de contrôle de son SIREN (les 9 premiers chiffres) "
        "est fausse. Vérifiez les chiffres."
    ]
    assert not siret.is_valid("44123456000122")


def test_the_generated_sirets_pass_both_keys():
    for number in (0, 1, 41_234_560, 99_999_999):
        value = siret.make_siret(number, nic=12)
        assert siret.is_valid(value), value
        assert siret.luhn_valid(value[:9])


def test_an_organisation_with_a_siret_whose_siren_fails_is_refused(alice):
    alice.organisation.siret = "44123456000122"
    with pytest.raises(ValidationError) as error:
        alice.organisation.full_clean()

    assert error.value.error_dict["siret"][0].code == "siren_key"


def test_every_demo_organisation_has_a_real_shaped_siret():
    for data in demo.ORGANISATIONS:
        assert siret.is_valid(data["siret"]), data["slug"]


def test_roles_sync_gives_each_role_its_permissions():
    administrators = Group.objects.get(name=Role.ORG_ADMIN)
    administrators.permissions.clear()
    Group.objects.get(name=Role.BUYER).delete()

    services.roles_sync()

    codenames = set(administrators.permissions.values_list("codename", flat=True))
    assert codenames == {
        "manage_people",
        "manage_departments",
        "manage_public_information",
        "manage_groups",
        "manage_committee",
    }
    buyer_codenames = Group.objects.get(name=Role.BUYER).permissions.values_list(
        "codename", flat=True
    )
    assert set(buyer_codenames) == {"edit_markets"}
    assert set(Group.objects.values_list("name", flat=True)) >= set(Role.values)


def test_an_organisation_administrator_may_manage_people(alice, bob):
    assert alice.has_perm("accounts.manage_people")
    assert not bob.has_perm("accounts.manage_people")
