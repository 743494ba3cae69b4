from django.urls import path

from samskab.engagement import views

app_name = "engagement"

urlpatterns = [
    path("", views.moderation_queue, name="index"),
    path("moderation/<int:pk>/", views.report_resolve, name="resolve"),
    path("<str:label>/<int:object_id>/stoet/", views.support, name="support"),
    path("<str:label>/<int:object_id>/kommenter/", views.comment, name="comment"),
    path("<str:label>/<int:object_id>/anmeld/", views.report, name="report"),
    path("<str:label>/<int:object_id>/vis/", views.show, name="show"),
]
