from django.urls import path

from samskab.meetings import views_areas, views_plans

app_name = "areas"

urlpatterns = [
    path("", views_areas.area_index, name="index"),
    path("<slug:slug>/", views_areas.area_detail, name="detail"),
    path("<slug:slug>/plan/", views_areas.plan_edit, name="edit"),
    path("<slug:slug>/plan/maal/", views_areas.goal_add, name="goal_add"),
    path("<slug:slug>/plan/maal/<int:pk>/", views_plans.goal_edit, name="goal_edit"),
    path("<slug:slug>/plan/maal/<int:pk>/luk/", views_plans.goal_close, name="goal_close"),
    path("<slug:slug>/plan/handlinger/", views_areas.action_add, name="action_add"),
    path("<slug:slug>/plan/handlinger/<int:pk>/", views_plans.action_edit, name="action_edit"),
    path(
        "<slug:slug>/plan/handlinger/<int:pk>/luk/",
        views_plans.action_close,
        name="action_close",
    ),
    path(
        "<slug:slug>/plan/handlinger/<int:pk>/status/",
        views_areas.action_status,
        name="action_status",
    ),
    path("<slug:slug>/plan/aendringer/", views_plans.changes, name="changes"),
    path(
        "<slug:slug>/plan/aendringer/<int:pk>/offentliggoer/",
        views_plans.change_publish,
        name="change_publish",
    ),
    path(
        "<slug:slug>/plan/aendringer/<int:pk>/send-tilbage/",
        views_plans.change_return,
        name="change_return",
    ),
]
