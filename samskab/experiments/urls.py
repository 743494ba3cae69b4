from django.urls import path

from samskab.experiments import views, views_evaluations

app_name = "experiments"

urlpatterns = [
    path("", views.index, name="index"),
    path("nyt/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/rediger/", views.edit, name="edit"),
    path("<int:pk>/deltagere/ny/", views.participant_add, name="participant_add"),
    path("<int:pk>/indikatorer/ny/", views.indicator_add, name="indicator_add"),
    path("<int:pk>/maalinger/ny/", views.measurement_add, name="measurement_add"),
    path("<int:pk>/status/", views.status_change, name="status"),
    path("<int:pk>/godkend/", views.approve, name="approve"),
    path("<int:pk>/evaluering/ny/", views_evaluations.evaluation_create, name="evaluation_create"),
    path("evalueringer/<int:pk>/", views_evaluations.evaluation_detail, name="evaluation"),
    path(
        "evalueringer/<int:pk>/rediger/", views_evaluations.evaluation_edit, name="evaluation_edit"
    ),
    path("evalueringer/<int:pk>/opfoelgning/", views_evaluations.follow_up, name="follow_up"),
    path("erfaringer/", views_evaluations.findings, name="findings"),
    path("opfoelgning/", views_evaluations.follow_ups, name="follow_ups"),
]
