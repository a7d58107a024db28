"""Training of the organisation's buyers (network app)."""

from network.selectors.training import buyers_trained_share, people_trained, sessions_held

from .common import page_url, percent
from .figures import TrainingIndicators


def training_figures(organisation, quarter) -> TrainingIndicators:
    """The training figures of the quarter. Three queries."""
    held = sessions_held(start=quarter.start, end=quarter.end, organisations=[organisation])
    trained = people_trained(start=quarter.start, end=quarter.end, organisations=[organisation])
    share = buyers_trained_share(organisation=organisation, on=quarter.end)
    url = page_url("network:training-list", periode="passees")
    return TrainingIndicators(
        sessions_held=sum(row.sessions for row in held),
        sessions_attendances=sum(row.attendances for row in held),
        sessions_url=url,
        people_trained=sum(row.people for row in trained),
        people_attendances=sum(row.attendances for row in trained),
        buyers=share.buyers,
        buyers_trained=share.trained,
        buyers_trained_share=percent(share.trained, share.buyers),
        url=url,
    )
