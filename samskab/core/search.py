"""Finding similar texts (ideas, proposals) while someone is typing.

On PostgreSQL: full-text search with the ``danish`` configuration (stemming, so "legepladser"
finds "legeplads") combined with trigram similarity on the title (typos). On SQLite, the
embedded default, a simpler fallback: any significant word of the text found in the fields.
"""

from __future__ import annotations

import re
from typing import Any, TypeVar

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, TrigramSimilarity
from django.db import connection, models
from django.db.models import F, Q
from django.db.models.functions import Coalesce

M = TypeVar("M", bound=models.Model)

# Common Danish words that say nothing about what a text is about.
STOPWORDS = frozenset(
    """af alle andet andre at bare blev blive bliver da de dem den denne der deres det dette
    dig din dine disse du efter eller en end er et for fra ham han hans har havde have hende
    hendes her hos hun hvad hvis hvor i ikke ind jeg jer jo kan kunne man mange med meget men
    mig min mine mit mod ned noget nogle nu når og også om op os over på selv sig sin sine
    sit skal skulle som sådan thi til ud under var vi vil ville vor være været""".split()  # noqa: SIM905 - easier to read and extend
)
WORD = re.compile(r"\w+", re.UNICODE)


def significant_words(text: str, limit: int = 12) -> list[str]:
    words: list[str] = []
    for word in WORD.findall(text.lower()):
        if len(word) >= 3 and word not in STOPWORDS and not word.isdigit() and word not in words:
            words.append(word)
    return words[:limit]


def similar_to(
    queryset: models.QuerySet[M],
    text: str,
    *,
    title_field: str,
    body_fields: tuple[str, ...] = (),
    limit: int = 5,
) -> list[M]:
    """The objects of ``queryset`` most similar to ``text``, best first."""
    # A crude stem: dropping up to three letters lets "legepladser" find "legeplads" (both
    # backends match these as prefixes).
    words = [word[: max(4, len(word) - 3)] for word in significant_words(text)]
    if not words:
        return []
    if connection.vendor == "postgresql":
        return _similar_postgresql(queryset, text, words, title_field, body_fields, limit)
    return _similar_fallback(queryset, words, title_field, body_fields, limit)


def _similar_postgresql(
    queryset: models.QuerySet[M],
    text: str,
    words: list[str],
    title_field: str,
    body_fields: tuple[str, ...],
    limit: int,
) -> list[M]:
    # Prefix queries on the stem ("legeplads:*"), because the Danish stemmer maps singular
    # and plural to different stems ("legeplads" -> legeplad, "legepladser" -> legeplads).
    # Words are \w+ only, so they carry no tsquery operators. Any word counts; the rank
    # rewards texts that share more of them.
    query = SearchQuery(f"{words[0]}:*", search_type="raw", config="danish")
    for word in words[1:]:
        query |= SearchQuery(f"{word}:*", search_type="raw", config="danish")
    vector: Any = SearchVector(title_field, weight="A", config="danish")
    for field in body_fields:
        vector = vector + SearchVector(field, weight="B", config="danish")
    return list(
        queryset.annotate(
            rank=SearchRank(vector, query),
            similarity=Coalesce(TrigramSimilarity(title_field, text[:200]), 0.0),
        )
        .filter(Q(rank__gt=0.05) | Q(similarity__gt=0.3))
        .annotate(score=F("rank") + F("similarity"))
        .order_by("-score", "-pk")[:limit]
    )


def _similar_fallback(
    queryset: models.QuerySet[M],
    words: list[str],
    title_field: str,
    body_fields: tuple[str, ...],
    limit: int,
) -> list[M]:
    fields = (title_field, *body_fields)
    condition = Q()
    for word in words:
        for field in fields:
            condition |= Q(**{f"{field}__icontains": word})
    candidates = list(queryset.filter(condition)[:200])

    def score(obj: M) -> tuple[int, int]:
        title = str(getattr(obj, title_field)).lower()
        body = " ".join(str(getattr(obj, field)) for field in body_fields).lower()
        return (
            sum(2 for word in words if word in title) + sum(1 for word in words if word in body),
            obj.pk,
        )

    return sorted(candidates, key=score, reverse=True)[:limit]
