from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Réseau des acheteurs")

    def ready(self):
        from core import demo as core_demo
        from purchasing.publishers import register_publisher
        from purchasing.visibility import register_visibility

        from . import access
        from .demo import groups as demo_groups
        from .demo import meetings as demo_meetings
        from .demo import training as demo_training

        # Members of a purchasing group read its contracts, which belong to the coordinator.
        register_visibility(access.group_markets_condition)
        # A group's contract is published with its coordinating member as the buyer (DECP).
        register_publisher("group_link__group__coordinator_organisation")

        # After budgets (40): the network and its meetings, then its training sessions, then
        # the textile purchasing group, which takes over contracts of the purchasing demo.
        core_demo.register("network", demo_meetings.load, order=50)
        core_demo.register("network-training", demo_training.load, order=51)
        core_demo.register("network-groups", demo_groups.load, order=52)

        self._register_training()
        self._register_meetings()
        self._register_groups()
        self._register_home_tasks()

    @staticmethod
    def _register_home_tasks():
        from django.urls import reverse
        from django.utils.translation import ngettext

        from core import home

        from .selectors import training
        from .views.training import MINE

        home.register(
            home.HomeTask(
                "training-to-come",
                lambda user: user.organisation_id is not None,
                lambda user: training.upcoming_registrations(viewer=user).count(),
                lambda n: ngettext(
                    "inscription à une formation à venir",
                    "inscriptions à des formations à venir",
                    n,
                ),
                lambda user: f"{reverse('network:training-list')}?periode={MINE}",
                order=80,
            ),
        )

    @staticmethod
    def _register_groups():
        from core import navigation

        from . import access

        # By role only (no query): the entry is drawn on every page.
        navigation.register(
            navigation.NavItem(
                _("Groupements"),
                "network:group-list",
                access.can_follow_groups,
                order=82,
                area="network",
            )
        )

    @staticmethod
    def _register_meetings():
        from core import navigation

        # For every member of an organisation, without a query (the menu is drawn on every
        # page): the network's home page tells those whose organisation is in none.
        navigation.register(
            navigation.NavItem(
                _("Réseau"),
                "network:home",
                lambda user: user.organisation_id is not None,
                order=77,
                area="network",
            )
        )

    @staticmethod
    def _register_training():
        from core import navigation, profile

        from .views import meetings as meeting_views
        from .views import training as training_views

        # Every member of an organisation may be trained: the menu entry is for all of them.
        navigation.register(
            navigation.NavItem(
                _("Formations"),
                "network:training-list",
                lambda user: user.organisation_id is not None,
                order=80,
                area="network",
            )
        )
        profile.register(
            profile.ProfileSection(
                name="calendar",
                template_name="network/meetings/calendar_section.html",
                context=meeting_views.profile_section_context,
                order=60,
            )
        )
        profile.register(
            profile.ProfileSection(
                name="training",
                template_name="network/training/profile_section.html",
                context=training_views.profile_section_context,
                order=50,
            )
        )
