"""The contract page, the advisor's review and the steps after approval (included inside the
`purchasing` namespace, at /marches/)."""

from django.urls import path

from ..views import lifecycle as views

urlpatterns = [
    path("revue/", views.review_queue, name="review-queue"),
    path("<int:pk>/", views.market_detail, name="detail"),
    path("<int:pk>/clauses.<str:file_format>", views.clauses_document, name="clauses-document"),
    path("<int:pk>/commentaires/", views.comment_add, name="comment"),
    path("<int:pk>/renvoyer/", views.send_back, name="send-back"),
    path("<int:pk>/valider/", views.approve, name="approve"),
    path("<int:pk>/publication/", views.publish, name="publish"),
    path("<int:pk>/lots/<int:lot_pk>/attribution/", views.award, name="award"),
    path("<int:pk>/execution/", views.start_execution, name="start-execution"),
    path("<int:pk>/clauses/<int:applied_pk>/suivi/", views.follow_up, name="follow-up"),
    path("<int:pk>/suivi/<int:follow_up_pk>/justificatif/", views.evidence, name="evidence"),
    path("<int:pk>/cloture/", views.close, name="close"),
    path("<int:pk>/abandon/", views.abandon, name="abandon"),
]
