from django.urls import path

from samskab.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("tilgaengelighed/", views.accessibility, name="accessibility"),
    path("mit-overblik/", views.my_overview, name="overview"),
    path("soeg/", views.search, name="search"),
]
