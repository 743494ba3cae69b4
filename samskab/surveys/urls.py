from django.urls import path

from samskab.surveys import views

app_name = "surveys"

urlpatterns = [
    path("", views.index, name="index"),
    path("ny/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/rediger/", views.edit, name="edit"),
    path("<int:pk>/spoergsmaal/nyt/", views.question_add, name="question_add"),
    path("spoergsmaal/<int:pk>/", views.question_edit, name="question_edit"),
    path("spoergsmaal/<int:pk>/slet/", views.question_delete, name="question_delete"),
    path("spoergsmaal/<int:pk>/flyt/", views.question_move, name="question_move"),
    path("<int:pk>/svar/", views.answer, name="answer"),
    path("<int:pk>/tak/", views.thanks, name="thanks"),
    path("<int:pk>/resultater/", views.results, name="results"),
    path("<int:pk>/resultater.csv", views.results_csv, name="results_csv"),
]
