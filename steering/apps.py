from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SteeringConfig(AppConfig):
    name = "steering"
    verbose_name = _("Pilotage")

    def ready(self):
        from core import demo as core_demo
        from core.jobs import registry as jobs
        from core.navigation import NavItem, register

        from . import access, demo, tasks
        from .demo import spaser as spaser_demo
        from .services import spaser
        from .services.report_jobs import JOB_KIND

        # The quarterly report's build, run by core's one job mechanism.
        jobs.register(
            JOB_KIND,
            run=tasks.build_report,
            on_ready=tasks.report_built,
            on_failed=tasks.report_failed,
        )
        # The SPASER's yearly report, the same way.
        jobs.register(
            spaser.JOB_KIND,
            run=tasks.build_spaser_report,
            on_ready=tasks.spaser_report_built,
            on_failed=tasks.spaser_report_failed,
        )

        # After the network (50–52): the council's committee, its members drawn from the demo
        # accounts, its meetings and decisions; the other organisations' committees.
        core_demo.register("steering", demo.load_and_describe, order=60)
        # After the committee's meetings: the council's SPASER adopted at one of them.
        core_demo.register("spaser", spaser_demo.load_and_describe, order=61)

        # By role only (no query): the menu is drawn on every page. After the network's entries.
        # One entry: the dashboard's readers reach the committee and the reports from its tabs;
        # those who only read the reports (department heads) or only manage the committee
        # (organisation administrators) get their page instead.
        register(
            NavItem(
                _("Pilotage"),
                "steering:dashboard",
                access.can_view_dashboard,
                order=85,
                area="steering",
            ),
            NavItem(
                _("Rapports du comité"),
                "steering:report-list",
                lambda user: access.can_read_reports(user) and not access.can_view_dashboard(user),
                order=86,
                area="steering",
            ),
            NavItem(
                _("Comité de pilotage"),
                "steering:committee",
                lambda user: (
                    access.can_manage_committee(user)
                    and not access.can_view_dashboard(user)
                    and not access.can_read_reports(user)
                ),
                order=87,
                area="steering",
            ),
            NavItem(
                _("SPASER"), "steering:spaser", access.can_view_spaser, order=88, area="steering"
            ),
        )
        self._register_home_tasks()

    @staticmethod
    def _register_home_tasks():
        from django.urls import reverse
        from django.utils.translation import ngettext

        from core import home

        from . import access
        from .models import ReportStatus
        from .selectors import reports

        ready = ReportStatus.READY.value
        home.register(
            home.HomeTask(
                "reports-ready",
                access.can_request_reports,
                lambda user: reports.report_archive(
                    organisation=user.organisation, status=ready
                ).count(),
                lambda n: ngettext(
                    "rapport trimestriel prêt à lire",
                    "rapports trimestriels prêts à lire",
                    n,
                ),
                lambda user: f"{reverse('steering:report-list')}?statut={ready}",
                order=60,
            ),
        )
