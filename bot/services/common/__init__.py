"""What every feature shares: the actor, the service base, errors, the permission table, locks,
the worker pool, and the readers of typed input and unit names.
"""
