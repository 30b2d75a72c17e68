"""Pure text helpers for Telegram HTML, shared by the renderers and the rhythm.

Nothing here imports ``telegram``, so :mod:`bot.rhythm` (pure) and :mod:`bot.render` (which
builds keyboards) can both use it: :mod:`bot.text.split` cuts long messages under the limit.
"""
