"""One parser per input format, each with ``detect`` and ``parse``; see :mod:`.registry`."""
