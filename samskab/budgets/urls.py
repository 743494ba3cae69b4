from django.urls import path

from samskab.budgets import views, views_paper, views_results, views_voting

app_name = "budgets"

urlpatterns = [
    path("", views.index, name="index"),
    path("ny/", views.process_create, name="process_create"),
    path("forslag/<int:pk>/", views.proposal_detail, name="proposal"),
    path("forslag/<int:pk>/rediger/", views.proposal_edit, name="proposal_edit"),
    path("forslag/<int:pk>/billede/", views.proposal_image, name="proposal_image"),
    path("forslag/<int:pk>/behandling/", views.proposal_vet, name="vet"),
    path("forslag/<int:pk>/behandling/fordel/", views.proposal_route, name="route"),
    path("forslag/<int:pk>/behandling/sammenlaeg/", views.merge_request_create, name="merge"),
    path("forslag/<int:pk>/besked/", views.vetting_message, name="message"),
    path("sammenlaegning/<int:pk>/svar/", views.merge_answer, name="merge_answer"),
    path("forslag/<int:pk>/gennemfoerelse/", views_results.implementation, name="implementation"),
    path(
        "forslag/<int:pk>/gennemfoerelse/milepael/",
        views_results.milestone_add,
        name="milestone_add",
    ),
    path(
        "forslag/<int:pk>/gennemfoerelse/milepael/<int:milestone>/naaet/",
        views_results.milestone_done,
        name="milestone_done",
    ),
    path(
        "forslag/<int:pk>/gennemfoerelse/opdatering/",
        views_results.update_post,
        name="update_post",
    ),
    path(
        "forslag/<int:pk>/gennemfoerelse/opdatering/<int:update>/foto/",
        views_results.update_image,
        name="update_image",
    ),
    path("<slug:slug>/", views.process_detail, name="process"),
    path("<slug:slug>/rediger/", views.process_edit, name="process_edit"),
    path("<slug:slug>/fase/", views.process_phase, name="process_phase"),
    path("<slug:slug>/nyt-forslag/", views.proposal_create, name="proposal_create"),
    path("<slug:slug>/lignende/", views.proposal_similar, name="similar"),
    path("<slug:slug>/behandling/", views.vetting_queue, name="vetting_queue"),
    path("<slug:slug>/stem/", views_voting.ballot, name="ballot"),
    path("<slug:slug>/stem/oversigt/", views_voting.ballot_summary, name="ballot_summary"),
    path("<slug:slug>/kvittering/", views_voting.receipt, name="receipt"),
    path("<slug:slug>/borgerservice/", views_voting.assisted_ballot, name="assisted"),
    path(
        "<slug:slug>/borgerservice/stemmer/",
        views_voting.assisted_ballots,
        name="assisted_ballots",
    ),
    path(
        "<slug:slug>/afstemningsmoeder/ny/",
        views_paper.voting_meeting_create,
        name="voting_meeting_create",
    ),
    path("<slug:slug>/papirstemmer/", views_paper.paper_ballots, name="paper_ballots"),
    path("<slug:slug>/optaelling/<int:pk>/", views_paper.tally_enter, name="tally"),
    path(
        "<slug:slug>/papirstemmer/<slug:area>/stemmesedler.pdf",
        views_paper.ballot_sheets_print,
        name="print_ballots",
    ),
    path(
        "<slug:slug>/papirstemmer/<slug:area>/plakater.pdf",
        views_paper.posters_print,
        name="print_posters",
    ),
    path(
        "<slug:slug>/papirstemmer/<int:pk>/afgoer/",
        views_paper.paper_sheet_resolve,
        name="paper_sheet_resolve",
    ),
    path("<slug:slug>/resultater/", views_results.results, name="results"),
    path("<slug:slug>/resultater/efterproev/", views_results.verify, name="verify"),
    path("<slug:slug>/resultater/beregn/", views_results.results_compute, name="compute"),
    path("<slug:slug>/resultater/stemmer.csv", views_results.download_csv, name="csv"),
    path(
        "<slug:slug>/resultater/optaellinger.csv",
        views_results.download_tallies_csv,
        name="tallies_csv",
    ),
    path("<slug:slug>/resultater/<slug:area>.pb", views_results.download_pabulib, name="pabulib"),
    path(
        "<slug:slug>/gennemfoerelse/",
        views_results.implementation_overview,
        name="implementation_overview",
    ),
]
