"""The pure core of Duban: entities, value objects, rules and repository ports.

Nothing in this package imports ``telegram``, ``tinydb`` or ``storage``.
"""
