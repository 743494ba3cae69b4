from django.urls import path

from samskab.ideas import views, views_handling, views_meetings

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
    path("min-koe/", views_handling.queue, name="queue"),
    path("screening/", views_handling.screening, name="screening"),
    path("overskredne-frister/", views_handling.overdue, name="overdue"),
    path("tal/", views_handling.figures, name="figures"),
    path("moeder/", views_meetings.meetings, name="meetings"),
    path("moeder/<int:pk>/", views_meetings.meeting, name="meeting"),
    path(
        "moeder/<int:pk>/beslutninger/", views_meetings.meeting_decisions, name="meeting_decisions"
    ),
]
