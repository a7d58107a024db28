"""A finding whose corrective action's deadline has passed: the person who recorded the audit
and the advisors of that organisation hear once, as each chose; a closed finding is left."""

import datetime

import pytest

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from core.models import Delivery, PendingNotification
from network.services.supply_chain import findings_overdue_notify
from network.tests.factories import close_finding, make_finding

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 9, 15)


def test_an_overdue_finding_is_told_once_to_the_recorder_and_the_advisors(
    audit, alice, charlie, freeze_clock, mailoutbox
):
    freeze_clock(TODAY)
    digest = UserFactory(
        organisation=alice.organisation, roles=[Role.ADVISOR], notifications=Delivery.DIGEST
    )
    late = make_finding(audit, deadline=TODAY - datetime.timedelta(days=1))
    make_finding(audit, deadline=TODAY)  # due today: not late yet
    close_finding(make_finding(audit, deadline=TODAY - datetime.timedelta(days=3)), alice)

    assert findings_overdue_notify() == 1

    supplier = audit.site.supplier.name
    # alice recorded the audit and is an advisor of Roubaix: one e-mail.
    assert [(message.to, message.subject) for message in mailoutbox] == [
        ([alice.email], f"Action corrective en retard : Temps de travail chez {supplier}")
    ]
    assert "est passée depuis le 14 septembre 2026" in mailoutbox[0].body
    assert PendingNotification.objects.get().recipient == digest
    late.refresh_from_db()
    assert late.overdue_notified_at is not None

    mailoutbox.clear()
    assert findings_overdue_notify() == 0
    assert mailoutbox == []
