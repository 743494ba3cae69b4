from django.urls import path

from samskab.follows import views

app_name = "follows"

urlpatterns = [
    path("afmeld/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("<str:label>/<int:object_id>/", views.follow, name="follow"),
]
