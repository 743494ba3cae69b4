from django.urls import path

from samskab.meetings import views, views_networks, views_workshops

app_name = "meetings"

urlpatterns = [
    path("", views.index, name="index"),
    path("nyt/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/rediger/", views.edit, name="edit"),
    path("<int:pk>/kalender.ics", views.calendar_file, name="ics"),
    path("<int:pk>/tilmeld/", views.register, name="register"),
    path("<int:pk>/afmeld/", views.cancel, name="cancel"),
    path("<int:pk>/deltagere/", views.participants, name="participants"),
    path("<int:pk>/referat/", views.minutes, name="minutes"),
    path("<int:pk>/beslutninger/ny/", views.decision_add, name="decision_add"),
    path("<int:pk>/ideer/ny/", views.idea_create, name="idea_create"),
    path("workshop-for-ide/<int:idea_pk>/", views_workshops.idea_workshop, name="idea_workshop"),
    path("netvaerk/", views_networks.network_index, name="networks"),
    path("netvaerk/nyt/", views_networks.network_create, name="network_create"),
    path("netvaerk/<int:pk>/", views_networks.network_detail, name="network"),
    path("netvaerk/<int:pk>/rediger/", views_networks.network_edit, name="network_edit"),
    path("netvaerk/<int:pk>/bliv-medlem/", views_networks.network_join, name="network_join"),
    path("netvaerk/<int:pk>/forlad/", views_networks.network_leave, name="network_leave"),
]
