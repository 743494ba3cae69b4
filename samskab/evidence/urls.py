from django.urls import path

from samskab.evidence import views

app_name = "evidence"

urlpatterns = [
    path("", views.index, name="index"),
    path("skala/", views.scale, name="scale"),
    path("ny/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/rediger/", views.edit, name="edit"),
    path("<int:pk>/vidensdeklaration/", views.declaration, name="declaration"),
    path("<int:pk>/kilder/ny/", views.source_add, name="source_add"),
    path("<int:pk>/anmodninger/ny/", views.request_create, name="request_create"),
    path("<int:pk>/status/", views.status_set, name="status"),
    path("anmodninger/<int:pk>/besvar/", views.request_answer, name="request_answer"),
    path("anmodninger/<int:pk>/godkend/", views.request_approve, name="request_approve"),
]
