"""``duban demo``: the whole rhythm offline, in under a minute, as a readable transcript.

The real bot runs against the Bot API sandbox on loopback; scripted people (see
:mod:`demo.roster`) play one county week and the month's end (:mod:`demo.scenario`) on a
simulated clock; :mod:`demo.transcript` draws what everyone saw as chat bubbles; the digest,
the review chart and the ledger are written to an output folder (:mod:`demo.runner`).
"""
