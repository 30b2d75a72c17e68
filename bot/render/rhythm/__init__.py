"""The rhythm's texts, tables and pictures: the digest, the review, its chart and the ledger.

The figures they show are computed in :mod:`bot.rhythm` (pure); this package only words them.
Import the submodules directly (the chart pulls in matplotlib, the ledger openpyxl); the bot's
jobs and handlers reach those two through :mod:`.files`, which loads them on first use.
"""
