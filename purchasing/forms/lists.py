"""The filters of the contract list, shared by the page and its exports.

Parameters are French and readable in the address bar: `?statut=published&direction=LYC&
famille=paper&annee=2025&social=oui&environnement=non&acheteur=<public id>&q=…&tri=-amount`;
the steering dashboard links to lists with `notifie=2026-T3` (notified in that quarter),
`signale=oui` (flagged, art. 35 of the loi Climat et résilience), `reserve=oui` and
`insertion=oui`."""

import datetime

from django import forms
from django.db.models import Max, Min
from django.utils.translation import gettext_lazy as _

from accounts.models import Department, User
from clauses.models import PurchaseFamily
from core.quarters import Quarter

from ..models import Market, MarketStatus
from ..selectors import lists as selectors

YES, NO = "oui", "non"
TRISTATE_CHOICES = [("", _("Indifférent")), (YES, _("Oui")), (NO, _("Non"))]


class MarketFilterForm(forms.Form):
    q = forms.CharField(label=_("Rechercher"), required=False, max_length=200)
    statut = forms.ChoiceField(
        label=_("Statut"), choices=[("", _("Tous")), *MarketStatus.choices], required=False
    )
    direction = forms.ModelChoiceField(
        label=_("Direction"),
        queryset=Department.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("Toutes"),
    )
    famille = forms.ModelChoiceField(
        label=_("Famille d'achat"),
        queryset=PurchaseFamily.objects.order_by("name"),
        to_field_name="code",
        required=False,
        empty_label=_("Toutes"),
    )
    annee = forms.TypedChoiceField(
        label=_("Année de lancement"), coerce=int, empty_value=None, required=False
    )
    social = forms.ChoiceField(
        label=_("Considération sociale"), choices=TRISTATE_CHOICES, required=False
    )
    environnement = forms.ChoiceField(
        label=_("Considération environnementale"), choices=TRISTATE_CHOICES, required=False
    )
    notifie = forms.CharField(
        label=_("Trimestre de notification"),
        required=False,
        max_length=7,
        help_text=_("Par exemple : 2026-T3."),
    )
    signale = forms.ChoiceField(
        label=_("Signalé (loi Climat, art. 35)"), choices=TRISTATE_CHOICES, required=False
    )
    reserve = forms.ChoiceField(
        label=_("Réservé aux structures inclusives"), choices=TRISTATE_CHOICES, required=False
    )
    insertion = forms.ChoiceField(
        label=_("Clause d'insertion"), choices=TRISTATE_CHOICES, required=False
    )
    acheteur = forms.ModelChoiceField(
        label=_("Acheteur"),
        queryset=User.objects.none(),
        to_field_name="public_id",
        required=False,
        empty_label=_("Tous"),
    )
    tri = forms.ChoiceField(
        label=_("Tri"),
        choices=[(key, key) for key in selectors.SORTS],
        required=False,
        widget=forms.HiddenInput,
    )

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        visible = Market.objects.visible_to(viewer)
        self.fields["direction"].queryset = Department.objects.filter(
            organisation_id=viewer.organisation_id
        ).order_by("code")
        # The people in charge of a contract the viewer may read: a longer list of every
        # buyer of the organisation would offer names that can only give an empty list.
        self.fields["acheteur"].queryset = User.objects.filter(
            pk__in=visible.values("buyer_id")
        ).order_by("last_name", "first_name", "pk")
        self.fields["acheteur"].label_from_instance = lambda person: (
            person.get_full_name() or person.email
        )
        self.fields["annee"].choices = [("", _("Toutes")), *self._years(visible)]
        for name, field in self.fields.items():
            if name == "tri":
                continue
            css = "form-select" if isinstance(field, forms.ChoiceField) else "form-control"
            field.widget.attrs["class"] = css

    def clean_notifie(self):
        value = self.cleaned_data["notifie"].strip()
        if value and Quarter.parse(value) is None:
            raise forms.ValidationError(
                _("Indiquez un trimestre sous la forme AAAA-Tn, par exemple 2026-T3.")
            )
        return value

    @staticmethod
    def _years(visible):
        """The years from the first launch of a contract the viewer may read to the last one,
        and this year, newest first (one aggregate: a year between without a contract gives an
        empty list)."""
        span = visible.order_by().aggregate(first=Min("launch_date"), last=Max("launch_date"))
        years = {datetime.date.today().year}
        if span["first"] is not None:
            years.update(range(span["first"].year, span["last"].year + 1))
        return [(year, str(year)) for year in sorted(years, reverse=True)]

    def criteria(self) -> dict:
        """The keyword arguments of `selectors.market_list`; a value that is not valid is left
        out (its error is shown next to its field) rather than emptying the whole list."""
        self.is_valid()
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["class"] = f"{attrs.get('class', '')} is-invalid".strip()
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = f"id_{name}-erreur"
        data = self.cleaned_data
        tristate = {YES: True, NO: False}
        return {
            "search": data.get("q") or "",
            "status": data.get("statut") or "",
            "department": data.get("direction"),
            "family": data.get("famille"),
            "year": data.get("annee"),
            "social": tristate.get(data.get("social") or ""),
            "environmental": tristate.get(data.get("environnement") or ""),
            "buyer": data.get("acheteur"),
            "notified": Quarter.parse(data.get("notifie") or ""),
            "flagged": tristate.get(data.get("signale") or ""),
            "reserved": tristate.get(data.get("reserve") or ""),
            "insertion": tristate.get(data.get("insertion") or ""),
            "sort": data.get("tri") or selectors.DEFAULT_SORT,
        }
