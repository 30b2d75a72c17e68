"""The weekly rhythm on PTB's JobQueue: scheduling (:mod:`bot.jobs.scheduler`), the one entry
point that does what is due (:mod:`bot.jobs.runner`) and the rate-limited send queue
(:mod:`bot.jobs.pacing`). Jobs sit beside the handlers: they call services and renderers.
"""
