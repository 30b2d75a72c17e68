"""Assignment (交办): assigning and ending rows, ``/assign``'s targets, suggestions from the
plan text, the notices, 包联领导.
"""
