from django.contrib import admin
from django.urls import include, path

from samskab.core import views as core_views
from samskab.secretariat.api import api as open_data_api

urlpatterns = [
    path("", include("samskab.core.urls")),
    path("konto/", include("samskab.accounts.urls")),
    path("borgerbudgetter/<slug:slug>/projekter/", include("samskab.projects.urls")),
    path("borgerbudgetter/", include("samskab.budgets.urls")),
    path("deltagelse/", include("samskab.engagement.urls")),
    path("foelg/", include("samskab.follows.urls")),
    path("ideer/", include("samskab.ideas.urls")),
    path("forsoeg/", include("samskab.experiments.urls")),
    path("evidens/", include("samskab.evidence.urls")),
    path("laering/", include("samskab.learning.urls")),
    path("moeder/", include("samskab.meetings.urls")),
    path("omraader/", include("samskab.meetings.urls_areas")),
    path("organisationer/", include("samskab.organisations.urls")),
    path("sekretariat/", include("samskab.secretariat.urls")),
    path("undersoegelser/", include("samskab.surveys.urls")),
    path("api/v1/", open_data_api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

handler404 = core_views.page_not_found
handler500 = core_views.server_error
