"""Danish date and time formats for the whole site, overriding Django's where Danish public
self-service writes otherwise: times as "kl. 19.00" (Sprognævnet's style, with a full stop),
short dates as "25. okt. 2025" instead of "25.10.2025"."""

DATE_FORMAT = "j. F Y"
TIME_FORMAT = "H.i"
DATETIME_FORMAT = r"j. F Y \k\l. H.i"
SHORT_DATE_FORMAT = "j. N Y"
SHORT_DATETIME_FORMAT = r"j. N Y \k\l. H.i"
