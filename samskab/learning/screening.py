"""Screening free text before it is stored or shared: CPR numbers and likely names.

A CPR number is never accepted in a learning report (the form refuses it and says which
field), while likely person names are only flagged: the coordinator removes them from the
shareable version before the learning is published. Both checks are deliberately simple
and err on the side of flagging too much.
"""

from __future__ import annotations

import datetime as dt
import re

# DDMMYY-XXXX or DDMMYYXXXX (a space instead of the hyphen is caught as well), not part of a
# longer number. ``\d`` on purpose: unlike samskab.accounts.identity, which accepts only
# ASCII digits as a CPR number, screening also catches one written in Arabic-Indic,
# fullwidth or other digits (``int()`` reads them): flagging too much is the safe side.
CPR_PATTERN = re.compile(r"(?<![\d-])(\d{2})(\d{2})(\d{2})[- ]?(\d{4})(?![\d-])")


def _is_valid_date(day: int, month: int, year: int) -> bool:
    # Any two-digit year is a possible year of birth; 2000 + yy is a leap year exactly when
    # some century makes 29 February valid, so checking that one century is enough.
    try:
        dt.date(2000 + year, month, day)
    except ValueError:
        return False
    return True


def cpr_numbers(text: str) -> list[str]:
    """The substrings of ``text`` that look like CPR numbers (with a valid date)."""
    found = []
    for match in CPR_PATTERN.finditer(text or ""):
        day, month, year = (int(match.group(i)) for i in (1, 2, 3))
        if _is_valid_date(day, month, year):
            found.append(match.group(0))
    return found


# Common Danish first names (Danmarks Statistik's most frequent names, all ages).
COMMON_FIRST_NAMES = frozenset(
    """Anne Kirsten Mette Hanne Helle Anna Susanne Lene Maria Marianne Lone Camilla Pia
    Louise Charlotte Tina Gitte Bente Jette Karen Inge Birgitte Lise Ida Emma Sofie Freja
    Laura Julie Mathilde Cecilie Caroline Signe Sara Katrine Maja Nanna Rikke Trine Dorte
    Hanna Ella Clara Alma Karin Ulla Eva Jytte Tove Grethe Else Ruth Annette Vibeke Jane
    Malene Line Stine Christina Heidi Lisbeth Hans Peter Jens Lars Michael Henrik Thomas
    Søren Jan Niels Christian Martin Jørgen Anders Morten Jesper Ole Rasmus Erik Kim Mads
    Mikkel Frederik Emil Oliver William Noah Lucas Magnus Victor Oscar Carl Alexander
    Jakob Jacob Kasper Simon Tobias Sebastian Mathias Nikolaj Kristian Torben Brian Claus
    Poul Bo Finn Flemming Steen Allan Johannes Karl Knud Bent Jon Dennis Kenneth Per
    Preben Leif Svend Tommy Carsten Benny Gert Arne Mogens Aksel Mohammad Ali
    Ahmad""".split()  # noqa: SIM905 - easier to read and extend
)

# Capitalised words that are not names although they often stand in pairs in municipal text.
NOT_NAMES = frozenset(
    """Slagelse Korsør Skælskør Kommune Kommunes Center Centre Danmark Region Sjælland
    Borgerservice Jobcenter Ydelsesservice Udbetaling Danmark Nemkonto Digital Post
    MitID NemID KMD Microsoft Teams Outlook Excel Word SAP Opus Momentum Nexus Sensum
    Familieafdelingen Myndighed Socialstyrelsen Ankestyrelsen Styrelsen Ministeriet
    Byråd Byrådet Udvalg Udvalget Mandag Tirsdag Onsdag Torsdag Fredag Lørdag Søndag
    Januar Februar Marts April Maj Juni Juli August September Oktober November December
    Jeg Vi De Den Det Der Han Hun Man Og Men Når Da Efter Før""".split()  # noqa: SIM905
)

WORD = re.compile(r"[A-Za-zÆØÅæøåÉéÜüÖöÄä][\wÆØÅæøå'-]*")


def _starts_sentence(before: str) -> bool:
    """Whether a word preceded by ``before`` begins a sentence, a line or a list item."""
    before = before.rstrip(" \t")
    if before.endswith(("-", "*")):
        before = before[:-1].rstrip(" \t")
    return not before or before[-1] in '.!?:;\n"»“('


def _is_capitalised(word: str) -> bool:
    return len(word) > 1 and word[0].isupper() and not word.isupper()


def likely_names(text: str) -> list[str]:
    """Words and word pairs in ``text`` that may be a person's name, in order, no repeats.

    Flagged: a common Danish first name written with a capital, and two or more capitalised
    words in a row that do not begin a sentence ("talte med Jonas Kjær om ...").
    """
    found: list[str] = []

    def add(candidate: str) -> None:
        if candidate not in found:
            found.append(candidate)

    text = text or ""
    words = list(WORD.finditer(text))
    index = 0
    while index < len(words):
        match = words[index]
        word = match.group(0)
        if not _is_capitalised(word) or word in NOT_NAMES:
            index += 1
            continue
        # Collect a run of capitalised words separated only by spaces.
        run = [match]
        while index + len(run) < len(words):
            following = words[index + len(run)]
            gap = text[run[-1].end() : following.start()]
            if gap.strip() or not _is_capitalised(following.group(0)):
                break
            if following.group(0) in NOT_NAMES:
                break
            run.append(following)
        at_sentence_start = _starts_sentence(text[: match.start()])
        first_is_name = run[0].group(0) in COMMON_FIRST_NAMES
        if len(run) >= 2 and (not at_sentence_start or first_is_name):
            add(" ".join(m.group(0) for m in run))
        else:
            for item in run:
                if item.group(0) in COMMON_FIRST_NAMES:
                    add(item.group(0))
            if len(run) >= 3:
                # "Derefter Jonas Kjær ...": the words after the first may still be a name.
                add(" ".join(m.group(0) for m in run[1:]))
        index += len(run)
    return found
