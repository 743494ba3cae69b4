from django.urls import path

from samskab.ideas import views, views_handling, views_meetings, views_realisations

app_name = "ideas"

urlpatterns = [
    path("", views.index, name="index"),
    path("ny/", views.submit, name="submit"),
    path("lignende/", views.similar, name="similar"),
    path("mine/", views.mine, name="mine"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/bilag/<int:attachment_pk>/", views.attachment, name="attachment"),
    path("<int:pk>/screening/", views_handling.screen, name="screen"),
    path("<int:pk>/fordel/", views_handling.route, name="route"),
    path("<int:pk>/sammenlaeg/", views_handling.merge, name="merge"),
    path("<int:pk>/besvar/", views_handling.answer, name="answer"),
    path("<int:pk>/vurdering/", views_handling.assess, name="assess"),
    path("<int:pk>/beslutning/", views_handling.decide, name="decide"),
    path("<int:pk>/realisering/", views_realisations.realisation, name="realisation"),
    path(
        "<int:pk>/realisering/delmaal/",
        views_realisations.milestone_add,
        name="milestone_add",
    ),
    path(
        "<int:pk>/realisering/delmaal/<int:milestone_pk>/naaet/",
        views_realisations.milestone_reach,
        name="milestone_reach",
    ),
    path("realiseringer/", views_realisations.realisations, name="realisations"),
    path("min-koe/", views_handling.queue, name="queue"),
    path("screening/", views_handling.screening, name="screening"),
    path("overskredne-frister/", views_handling.overdue, name="overdue"),
    path("tal/", views_handling.figures, name="figures"),
    # Decision meetings (beslutningsmøder) of the management; the workshops and citizens'
    # idea meetings are in samskab.meetings under /moeder/.
    path("beslutningsmoeder/", views_meetings.meetings, name="meetings"),
    path("beslutningsmoeder/<int:pk>/", views_meetings.meeting, name="meeting"),
    path(
        "beslutningsmoeder/<int:pk>/beslutninger/",
        views_meetings.meeting_decisions,
        name="meeting_decisions",
    ),
]
