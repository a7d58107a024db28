"""Plain-text parts of e-mails (subjects, text bodies) are not HTML: what people typed (a title
with an apostrophe, « R&D ») reaches them as typed, never as `&#x27;` or `&amp;`."""

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

from core.emails import templated_message

PLAIN_PARTS = ("-subject.txt", "-body.txt")


def email_templates():
    base = Path(settings.BASE_DIR)
    return sorted(
        path
        for path in base.glob("**/templates/**/emails/*.txt")
        if ".venv" not in path.parts and path.name.endswith(PLAIN_PARTS)
    )


def test_the_project_has_plain_text_email_templates():
    assert len(email_templates()) >= 20


def test_every_plain_text_part_turns_autoescaping_off():
    escaped = [
        str(path.relative_to(settings.BASE_DIR))
        for path in email_templates()
        if "{% autoescape off %}" not in path.read_text(encoding="utf-8")
    ]
    assert escaped == []


def test_a_subject_keeps_what_was_typed(db, bob):
    from purchasing.tests.factories import make_market

    market = make_market(bob, title="Entretien d'espaces verts & R&D <bis>")
    subject = render_to_string("purchasing/emails/market-submitted-subject.txt", {"market": market})
    assert "Entretien d'espaces verts & R&D <bis>" in subject
    message = templated_message(
        "purchasing/emails/market-submitted",
        to=["a@example.test"],
        context={"market": market, "person": market.buyer, "link": "https://x.test/"},
    )
    assert "Entretien d'espaces verts & R&D <bis>" in message.subject
    assert "Entretien d'espaces verts & R&D <bis>" in message.body
    # The HTML part is HTML: there, the same title is escaped.
    assert "Entretien d&#x27;espaces verts &amp; R&amp;D &lt;bis&gt;" in message.alternatives[0][0]
