from django.urls import path

from samskab.secretariat import views

app_name = "secretariat"

urlpatterns = [
    path("", views.index, name="index"),
    path("ideer/", views.ideas, name="ideas"),
    path("rapporter/", views.reports, name="reports"),
    path("rapporter/ny/", views.report_create, name="report_create"),
    path("rapporter/<int:pk>/", views.report_detail, name="report"),
    path("rapporter/<int:pk>/rediger/", views.report_edit, name="report_edit"),
    path(
        "rapporter/<int:pk>/udvalgets-beslutninger/",
        views.report_resolutions,
        name="report_resolutions",
    ),
    path("rapporter/<int:pk>/offentliggoer/", views.report_publish, name="report_publish"),
    path("rapporter/<int:pk>/rapport.pdf", views.report_pdf, name="report_pdf"),
    path("rapporter/<int:pk>/tal.csv", views.report_csv, name="report_csv"),
    path("rapporter/<int:pk>/tal.xlsx", views.report_xlsx, name="report_xlsx"),
    path("aabne-data/", views.open_data, name="open_data"),
]
