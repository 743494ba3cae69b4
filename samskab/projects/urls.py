"""Routed at /borgerbudgetter/<slug>/projekter/ (config/urls.py); ``pk`` is the proposal's."""

from django.urls import path

from samskab.projects import views, views_documents

app_name = "projects"

urlpatterns = [
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/start/", views.start, name="start"),
    path("<int:pk>/arbejde/", views.workspace, name="workspace"),
    path("<int:pk>/udgifter/", views.expense_add, name="expense_add"),
    path("<int:pk>/udgifter/<int:expense>/kvittering/", views.receipt, name="receipt"),
    path("<int:pk>/udbetalinger/", views.payout_request, name="payout_request"),
    path("<int:pk>/udbetalinger/<int:payout>/", views.payout_decide, name="payout_decide"),
    path("<int:pk>/overdragelse/", views.handover, name="handover"),
    path("<int:pk>/afslut/", views.complete, name="complete"),
    path("<int:pk>/opgaver/", views.task_add, name="task_add"),
    path("<int:pk>/opgaver/<int:task>/faerdig/", views.task_done, name="task_done"),
    path("<int:pk>/frivillig/", views.volunteer, name="volunteer"),
    path("<int:pk>/dokumenter/", views_documents.document_add, name="document_add"),
    path("<int:pk>/dokumenter/<int:document>/", views_documents.document, name="document"),
    path(
        "<int:pk>/dokumenter/<int:document>/synlighed/",
        views_documents.document_visibility,
        name="document_visibility",
    ),
    path(
        "<int:pk>/dokumenter/<int:document>/slet/",
        views_documents.document_delete,
        name="document_delete",
    ),
    path("forsinkede/", views.overdue, name="overdue"),
]
