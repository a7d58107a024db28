"""A refused POST-only form goes back to its page, which shows it as it was typed, with its
errors (the service's too), once."""

from django import forms
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.test import RequestFactory

from core.views import redirect_with_errors, restore_form


class NoteForm(forms.Form):
    title = forms.CharField(label="Titre", max_length=5)
    tags = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")], required=False)


def test_the_page_gets_back_the_typed_values_and_every_error_once():
    session = SessionStore()
    posted = RequestFactory().post("/notes/", {"title": "Bien trop long", "tags": ["a", "b"]})
    posted.session = session
    form = NoteForm(posted.POST)
    assert not form.is_valid()
    form.add_error(None, "Le service refuse cette note.")

    response = redirect_with_errors(posted, form, "/notes/page/", key="note")

    assert (response.status_code, response["Location"]) == (302, "/notes/page/")
    page = RequestFactory().get("/notes/page/")
    page.session = session
    again = restore_form(page, "note", NoteForm)
    assert again["title"].value() == "Bien trop long"
    assert again["tags"].value() == ["a", "b"]
    assert again.errors == {
        "title": ["Assurez-vous que cette valeur comporte au plus 5 caractères (actuellement 14)."],
        "__all__": ["Le service refuse cette note."],
    }
    assert restore_form(page, "note", NoteForm) is None
