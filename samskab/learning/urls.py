from django.urls import path

from samskab.learning import views, views_coordinator, views_trends

app_name = "learning"

urlpatterns = [
    path("", views.index, name="index"),
    path("indberet/", views.report_create, name="report_create"),
    path("tak/", views.thanks, name="thanks"),
    path("mine/", views.mine, name="mine"),
    path("delt/<int:pk>/", views.shared_detail, name="shared"),
    path("delt/<int:pk>/relevant/", views.relevance, name="relevance"),
    path("delt/<int:pk>/kommentar/", views.comment, name="comment"),
    path("koordinator/", views_coordinator.inbox, name="inbox"),
    path("koordinator/handlinger/", views_coordinator.actions, name="actions"),
    path("indberetninger/<int:pk>/", views_coordinator.report_detail, name="report"),
    path("indberetninger/<int:pk>/behandlet/", views_coordinator.report_handle, name="handle"),
    path("indberetninger/<int:pk>/del/", views_coordinator.report_share, name="share"),
    path("indberetninger/<int:pk>/handlinger/", views_coordinator.action_add, name="action_add"),
    path("handlinger/<int:pk>/", views_coordinator.action_update, name="action_update"),
    path("tendenser/", views_trends.trends, name="trends"),
]
