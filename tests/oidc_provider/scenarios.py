"""The provider's test users and what their tokens look like.

Each user stands for a login scenario. Besides the claims, a user may have a ``token``
entry that makes the provider itself issue a faulty ID token (see validators.py), so the
client's checks are tested against real tokens over real HTTP.
"""

from __future__ import annotations

from typing import Any

PASSWORD = "udbyder-kodeord"  # noqa: S105 - test provider only

MITID_CLIENT_ID = "samskab-mitid"
MITID_CLIENT_SECRET = "mitid-hemmelighed"  # noqa: S105
STAFF_CLIENT_ID = "samskab-medarbejder"
STAFF_CLIENT_SECRET = "medarbejder-hemmelighed"  # noqa: S105

# Group names of the municipality's directory, and the roles Samskab maps them to.
STAFF_ROLE_MAP = {
    "samskab-medarbejdere": "employee",
    "samskab-ledere": "manager",
    "samskab-sekretariat": "secretariat",
}

USERS: dict[str, dict[str, Any]] = {
    # Residents, as a MitID broker would describe them.
    "bente": {
        "claims": {
            "name": "Bente Borger",
            "cpr": "0107491234",
            "email": "bente@example.dk",
            "municipal_resident": True,
            # OpenID Connect's structured address claim (Core 5.1.1).
            "address": {
                "street_address": "Nørregade 12A, 2. th.",
                "postal_code": "4200",
                "locality": "Slagelse",
                "country": "DK",
            },
        }
    },
    "kaj": {
        "claims": {
            "name": "Kaj Korsør",
            "cpr": "0505601234",
            "municipal_resident": True,
            "address": {"street_address": "Algade 30", "postal_code": "4220", "locality": "Korsør"},
        }
    },
    "ukendt-adresse": {
        "claims": {
            "name": "Ulrikke Ukendt",
            "cpr": "0606701234",
            "municipal_resident": True,
            "address": {"street_address": "Ny Vej 1", "postal_code": "4299", "locality": "Et sted"},
        }
    },
    "tilflytter": {
        "claims": {"name": "Tove Tilflytter", "cpr": "1203851234", "municipal_resident": False}
    },
    "uden-cpr": {"claims": {"name": "Ulla Uden-CPR", "municipal_resident": True}},
    "forkert-publikum": {
        "claims": {"name": "Frede Forkert", "cpr": "0202021234", "municipal_resident": True},
        "token": {"aud": "en-helt-anden-tjeneste"},
    },
    # A CPR claim in Arabic-Indic digits (the same date as Bente's): must be refused.
    "arabisk-cpr": {
        "claims": {
            "name": "Arne Arabisk",
            "cpr": "\u0660\u0661\u0660\u0667\u0664\u0669\u0661\u0662\u0663\u0664",
            "municipal_resident": True,
        }
    },
    "udloebet": {
        "claims": {"name": "Ulrik Udløbet", "cpr": "0303031234", "municipal_resident": True},
        "token": {"expired": True},
    },
    # Employees, as the municipality's directory (Entra ID) would describe them.
    "mette": {
        "claims": {
            "name": "Mette Medarbejder",
            "email": "mette@slagelse.dk",
            "groups": ["samskab-medarbejdere", "alle-ansatte"],
        }
    },
    "lars": {
        "claims": {
            "name": "Lars Leder",
            "email": "lars@slagelse.dk",
            "email_verified": True,
            "groups": ["samskab-medarbejdere", "samskab-ledere"],
        }
    },
    # A real work account whose (unverified) e-mail claim names another person: the
    # administrator's address in the tests. It must never log in as that person.
    "falsk-mail": {
        "claims": {
            "name": "Frank Falskmail",
            "email": "chef@slagelse.dk",
            "groups": ["samskab-medarbejdere"],
        }
    },
    # The same with a claim that says the address is verified.
    "falsk-verificeret": {
        "claims": {
            "name": "Vera Verificeret",
            "email": "chef@slagelse.dk",
            "email_verified": True,
            "groups": ["samskab-medarbejdere"],
        }
    },
    "ingen-adgang": {
        "claims": {"name": "Ib Ingenadgang", "email": "ib@slagelse.dk", "groups": ["alle-ansatte"]}
    },
}
