"""How long a connector waits for a platform, and how often it tries: the one place these are
set (``HttpClient`` and ``RetryPolicy`` take them as their defaults; nothing overrides them
outside tests).

- ``TIMEOUT``: 10 s per request. A platform that has not answered by then is treated as a lost
  answer (the connector looks on the platform before any retry), and "publish now" stays within
  a web request's time.
- ``MAX_ATTEMPTS``: 3 attempts per call, with back-off from ``BASE_DELAY`` doubling up to
  ``MAX_DELAY`` seconds.
- ``MAX_WAIT``: a rate limit asking for a longer wait than this is not slept through: the post is
  failed and scheduled to be tried again after the platform's wait (delivery's automatic retry),
  so no request or worker pass blocks for long.
"""

TIMEOUT = 10.0
MAX_ATTEMPTS = 3
BASE_DELAY = 1.0
MAX_DELAY = 8.0
MAX_WAIT = 30.0
