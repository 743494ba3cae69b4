from django.urls import path

from samskab.organisations import views

app_name = "organisations"

urlpatterns = [
    path("", views.index, name="index"),
    path("ny/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/rediger/", views.edit, name="edit"),
    path("<int:pk>/inviter/", views.invite, name="invite"),
    path(
        "<int:pk>/invitationer/<int:invitation_pk>/traek-tilbage/",
        views.invitation_withdraw,
        name="invitation_withdraw",
    ),
    path("<int:pk>/forlad/", views.leave, name="leave"),
    path(
        "<int:pk>/medlemmer/<int:membership_pk>/fjern/", views.member_remove, name="member_remove"
    ),
    path("<int:pk>/medlemmer/<int:membership_pk>/rolle/", views.member_role, name="member_role"),
    path("invitation/<str:token>/", views.invitation_link, name="invitation"),
    path("invitationer/<int:invitation_pk>/svar/", views.invitation_answer, name="answer"),
]
