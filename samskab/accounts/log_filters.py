"""A logging filter that removes CPR numbers from every log record.

The login flow never logs claims, but a library, a traceback or a careless log line
elsewhere could. The filter sits on the console handler (config/settings.py), so nothing
that looks like a real CPR number (ten digits, of any script, with a valid birth date) is
written out.
"""

from __future__ import annotations

import logging
import re

from samskab.accounts.identity import looks_like_cpr

# ``\d`` on purpose: a CPR number written with other scripts' digits (Arabic-Indic,
# fullwidth, ...) is removed as well; removing too much is the safe side here.
CPR_IN_TEXT = re.compile(r"(?<!\d)(\d{6})-?(\d{4})(?!\d)")
REDACTED = "[CPR]"


def _replace(match: re.Match[str]) -> str:
    return REDACTED if looks_like_cpr(match.group(0)) else match.group(0)


def redact_cpr(text: str) -> str:
    """``text`` with every CPR number replaced by ``[CPR]``."""
    return CPR_IN_TEXT.sub(_replace, text)


def contains_cpr(text: str) -> bool:
    return redact_cpr(text) != text


class RedactCPR(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact_cpr(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact_cpr(record.exc_text)
        return True
