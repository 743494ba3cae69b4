from django.contrib.auth import views as auth_views
from django.urls import path

from samskab.accounts import login_views, views
from samskab.accounts.oidc import MITID, STAFF

app_name = "accounts"

urlpatterns = [
    path("log-ind/", login_views.login, name="login"),
    path("log-ind/mitid/", login_views.oidc_start, {"provider": MITID}, name="mitid_login"),
    path(
        "log-ind/mitid/retur/",
        login_views.oidc_callback,
        {"provider": MITID},
        name="mitid_callback",
    ),
    path("log-ind/medarbejder/", login_views.oidc_start, {"provider": STAFF}, name="staff_login"),
    path(
        "log-ind/medarbejder/retur/",
        login_views.oidc_callback,
        {"provider": STAFF},
        name="staff_callback",
    ),
    path("log-ind/demo/", login_views.demo_login, name="demo_login"),
    path("log-ud/", auth_views.LogoutView.as_view(), name="logout"),
    path("indstillinger/", views.preferences, name="preferences"),
    path("to-faktor/", views.two_factor, name="two_factor"),
    path("privatliv/", views.privacy, name="privacy"),
    path("mine-data/", views.my_data, name="my_data"),
    path("mine-data/hent/", views.data_export, name="data_export"),
    path("mine-data/slet-konto/", views.account_delete, name="delete"),
]
