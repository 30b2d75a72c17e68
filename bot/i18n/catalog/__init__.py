"""The message catalogs, one module per concept (see :mod:`bot.i18n`)."""
