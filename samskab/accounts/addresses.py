"""The municipality's address-to-area table: which local area an address belongs to.

The table (``AddressArea``) is the municipality's own: lines of road name + house-number
range (all, odd or even numbers) in a postcode, or a whole postcode, each pointing to a
local area. It is imported from CSV (Django admin or ``manage.py import_address_areas``);
an import replaces the whole table in one transaction, and a file with any bad line
imports nothing.

At a MitID login the residency adapter (residency.py) passes the address from the
identity broker's ``address`` claim to ``area_for_address``; the address lives only in
memory, and only the area it gives is stored on the account.

Matching: the road name is compared without case and with whitespace collapsed; the house
number's letter (12A) does not matter; the most specific line wins (a numbered range
before the whole road, odd/even before all), and a postcode line covers what no road
line does.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samskab.accounts.models import AddressArea
from samskab.core.audit import audit_record
from samskab.core.locks import reference_data_lock
from samskab.core.models import Area

# A road name, then the house number with an optional letter ("Nørregade 12A, 2. th.").
STREET_PATTERN = re.compile(r"^\s*(?P<road>[^\d,]*?)\s*(?:(?P<number>\d+)\s*[A-Za-zÆØÅæøå]?\b.*)?$")
# A postcode before the town's name in formatted address lines ("4200 Slagelse").
POSTCODE_PATTERN = re.compile(r"\b(\d{4})\s+[^\W\d]")
DENMARK = {"", "dk", "dnk", "danmark", "denmark"}

# CSV columns: the Danish header names, with English ones accepted as well.
COLUMNS = {
    "postnr": "postcode",
    "postcode": "postcode",
    "vejnavn": "road",
    "road": "road",
    "husnr_fra": "number_from",
    "from": "number_from",
    "husnr_til": "number_to",
    "to": "number_to",
    "side": "side",
    "omraade": "area",
    "område": "area",
    "area": "area",
}
REQUIRED_COLUMNS = ("postcode", "area")
SIDES = {
    "": AddressArea.Side.ALL,
    "alle": AddressArea.Side.ALL,
    "all": AddressArea.Side.ALL,
    "ulige": AddressArea.Side.ODD,
    "odd": AddressArea.Side.ODD,
    "lige": AddressArea.Side.EVEN,
    "even": AddressArea.Side.EVEN,
}
MAX_REPORTED_ERRORS = 50


def road_key(road: str) -> str:
    """The road name as the table compares it: composed, case-folded, single spaces."""
    return " ".join(unicodedata.normalize("NFC", road).casefold().split()).rstrip(".")


@dataclass(frozen=True)
class PostalAddress:
    """An address as the broker sends it, parsed; kept in memory only."""

    road: str
    number: int | None
    postcode: str

    @property
    def key(self) -> str:
        return road_key(self.road)


def parse_address(claim: object) -> PostalAddress | None:
    """The address in an OpenID Connect ``address`` claim, or None when it has none.

    The claim is a JSON object with ``street_address``, ``postal_code`` and ``locality``
    (OpenID Connect Core 5.1.1); some brokers send it as a JSON string, or only the
    ``formatted`` lines ("Nørregade 12A\\n4200 Slagelse").
    """
    if isinstance(claim, str):
        try:
            claim = json.loads(claim)
        except ValueError:
            claim = {"formatted": claim}
    if not isinstance(claim, Mapping):
        return None
    street = str(claim.get("street_address") or "").strip()
    postcode = str(claim.get("postal_code") or "").strip()
    formatted = [line.strip() for line in str(claim.get("formatted") or "").splitlines()]
    formatted = [line for line in formatted if line]
    if not street and formatted:
        street = formatted[0]
    if not postcode and formatted:
        # "Nørregade 12A\n4200 Slagelse", or on one line "Nørregade 12A, 4200 Slagelse".
        rest = " ".join(formatted[1:]) or formatted[0].partition(",")[2]
        found = POSTCODE_PATTERN.search(rest)
        postcode = found.group(1) if found else ""
    postcode = postcode.replace(" ", "")
    if str(claim.get("country") or "").strip().casefold() not in DENMARK:
        return None
    if not re.fullmatch(r"\d{4}", postcode):
        return None
    match = STREET_PATTERN.match(street.splitlines()[0] if street else "")
    if match is None:
        return PostalAddress(road="", number=None, postcode=postcode)
    number = match.group("number")
    return PostalAddress(
        road=match.group("road"), number=int(number) if number else None, postcode=postcode
    )


def _covers(line: AddressArea, number: int | None) -> bool:
    if line.number_from is None and line.number_to is None and line.side == AddressArea.Side.ALL:
        return True
    if number is None:
        return False
    if line.side == AddressArea.Side.ODD and number % 2 == 0:
        return False
    if line.side == AddressArea.Side.EVEN and number % 2 == 1:
        return False
    low = line.number_from if line.number_from is not None else 0
    high = line.number_to if line.number_to is not None else number
    return low <= number <= high


def _span(line: AddressArea) -> tuple[int, int]:
    """How much a line covers: smaller is more specific."""
    if line.number_from is None and line.number_to is None:
        width = 1_000_000
    else:
        width = (line.number_to or 1_000_000) - (line.number_from or 0)
    return width, 0 if line.side != AddressArea.Side.ALL else 1


def area_for_address(address: PostalAddress | None) -> Area | None:
    """The local area that the table gives the address, or None when it knows none."""
    if address is None:
        return None
    lines = list(
        AddressArea.objects.filter(
            postcode=address.postcode, road_key__in={address.key, ""}
        ).select_related("area")
    )
    on_road = [
        line
        for line in lines
        if line.road_key and line.road_key == address.key and _covers(line, address.number)
    ]
    if on_road:
        return min(on_road, key=_span).area
    whole_postcode = [line for line in lines if not line.road_key]
    return whole_postcode[0].area if whole_postcode else None


class AddressTableError(ValidationError):
    """A CSV file that cannot be imported; ``messages`` name each bad line."""


def _number(text: str, line: int, errors: list[str]) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not text.isdigit() or int(text) < 1 or int(text) > 99_999:
        errors.append(
            _("Line %(line)d: the house number “%(value)s” must be a whole number.")
            % {"line": line, "value": text}
        )
        return None
    return int(text)


def _decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise AddressTableError(
            [_("The file is not UTF-8. Save it as “CSV UTF-8” and try again.")]
        ) from error


def _bounds(line: AddressArea) -> tuple[int, int]:
    return line.number_from or 0, line.number_to or 1_000_000


def _within(inner: AddressArea, outer: AddressArea) -> bool:
    """Every address of ``inner`` is also one of ``outer``'s."""
    (inner_low, inner_high), (outer_low, outer_high) = _bounds(inner), _bounds(outer)
    return (
        outer_low <= inner_low
        and inner_high <= outer_high
        and outer.side in (AddressArea.Side.ALL, inner.side)
    )


def _clash(a: AddressArea, b: AddressArea) -> bool:
    """Two lines of one road that share addresses without one being a part of the other
    (a part is allowed: the more specific line wins)."""
    if {a.side, b.side} == {AddressArea.Side.ODD, AddressArea.Side.EVEN}:
        return False
    (a_low, a_high), (b_low, b_high) = _bounds(a), _bounds(b)
    if a_high < b_low or b_high < a_low:
        return False
    return _within(a, b) == _within(b, a)


def parse_address_table(data: bytes | str) -> list[AddressArea]:
    """The table's lines from CSV (comma or semicolon), unsaved; every bad line named."""
    text = _decode(data)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = next(reader, None)
    if header is None:
        raise AddressTableError([_("The file is empty.")])
    columns = [COLUMNS.get(name.strip().casefold(), "") for name in header]
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise AddressTableError(
            [
                _(
                    "Line 1 must name the columns: postnr, vejnavn, husnr_fra, husnr_til, "
                    "side and omraade (postnr and omraade are required)."
                )
            ]
        )
    areas: dict[str, Area] = {}
    for known in Area.objects.exclude(kind=Area.Kind.MUNICIPALITY):
        areas[known.slug.casefold()] = known
        areas[known.name.casefold()] = known
    errors: list[str] = []
    rows: list[tuple[int, AddressArea]] = []
    seen: dict[tuple[str, str], list[tuple[int, AddressArea]]] = {}
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        values = {
            column: cell.strip() for column, cell in zip(columns, cells, strict=False) if column
        }
        before = len(errors)
        postcode = values.get("postcode", "").replace(" ", "")
        if not re.fullmatch(r"\d{4}", postcode):
            errors.append(_("Line %(line)d: the postcode must be 4 digits.") % {"line": line})
        road = " ".join(values.get("road", "").split())
        number_from = _number(values.get("number_from", ""), line, errors)
        number_to = _number(values.get("number_to", ""), line, errors)
        side = SIDES.get(values.get("side", "").casefold())
        if side is None:
            errors.append(
                _("Line %(line)d: side must be “alle”, “ulige” or “lige”.") % {"line": line}
            )
        if number_from is not None and number_to is not None and number_from > number_to:
            errors.append(
                _("Line %(line)d: the first house number is larger than the last.") % {"line": line}
            )
        if not road and (
            number_from is not None or number_to is not None or side not in (None, "all")
        ):
            errors.append(_("Line %(line)d: house numbers need a road name.") % {"line": line})
        area = areas.get(values.get("area", "").casefold())
        if area is None:
            errors.append(
                _(
                    "Line %(line)d: unknown area “%(area)s”. Use the name or "
                    "address name of a local area."
                )
                % {"line": line, "area": values.get("area", "")}
            )
        if len(errors) > before or area is None or side is None:
            continue
        row = AddressArea(
            postcode=postcode,
            road=road,
            road_key=road_key(road),
            side=side,
            number_from=number_from,
            number_to=number_to,
            area=area,
        )
        same = seen.setdefault((postcode, row.road_key), [])
        clash = next((other for other, earlier in same if _clash(row, earlier)), None)
        if clash is not None:
            errors.append(
                _("Line %(line)d: overlaps line %(other)d (the same addresses twice).")
                % {"line": line, "other": clash}
            )
            continue
        same.append((line, row))
        rows.append((line, row))
    if errors:
        shown = errors[:MAX_REPORTED_ERRORS]
        if len(errors) > len(shown):
            shown.append(_("... and %(count)d more errors.") % {"count": len(errors) - len(shown)})
        raise AddressTableError(shown)
    if not rows:
        raise AddressTableError([_("The file has no addresses.")])
    return [row for _line, row in rows]


@dataclass(frozen=True)
class ImportSummary:
    imported: int
    replaced: int


@transaction.atomic
def address_areas_import(*, actor: Any, data: bytes | str) -> ImportSummary:
    """Replace the address-to-area table with the CSV file's lines, or change nothing.

    Raises ``AddressTableError`` (a ValidationError) naming every bad line by number, or
    saying why the table is locked while a vote runs (``samskab.core.locks``).
    """
    locked = reference_data_lock()
    if locked:
        raise AddressTableError(locked)
    rows = parse_address_table(data)
    replaced, _deleted = AddressArea.objects.all().delete()
    AddressArea.objects.bulk_create(rows)
    audit_record(
        actor=actor,
        action="import",
        obj=AddressArea(),
        detail={"imported": len(rows), "replaced": replaced},
    )
    return ImportSummary(imported=len(rows), replaced=replaced)
