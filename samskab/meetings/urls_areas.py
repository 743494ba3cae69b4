from django.urls import path

from samskab.meetings import views_areas

app_name = "areas"

urlpatterns = [
    path("", views_areas.area_index, name="index"),
    path("<slug:slug>/", views_areas.area_detail, name="detail"),
    path("<slug:slug>/plan/", views_areas.plan_edit, name="edit"),
    path("<slug:slug>/plan/maal/", views_areas.goal_add, name="goal_add"),
    path("<slug:slug>/plan/handlinger/", views_areas.action_add, name="action_add"),
    path(
        "<slug:slug>/plan/handlinger/<int:pk>/status/",
        views_areas.action_status,
        name="action_status",
    ),
]
