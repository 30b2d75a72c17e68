"""The weekly rhythm on PTB's JobQueue: its runtime (:mod:`bot.jobs.rhythm`, built once by the
composition root), scheduling (:mod:`bot.jobs.scheduler`) and the one entry point that does what
is due (:mod:`bot.jobs.runner`). Jobs sit beside the handlers: they call services and renderers,
and send through the outbox (:mod:`bot.outbox`).
"""
