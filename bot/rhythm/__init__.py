"""The weekly and monthly rhythm (周调度、月研判), as pure functions over domain data.

- :mod:`bot.rhythm.calendar`: China's working calendar (statutory holidays and 调休 make-up days);
- :mod:`bot.rhythm.schedule`: concrete cycle times and which events are due, with catch-up;
- :mod:`bot.rhythm.snapshot`: one read of a team's data from the ``Store`` port;
- :mod:`bot.rhythm.lights`: traffic lights and 序时进度 (expected progress by date);
- :mod:`bot.rhythm.dispatch`: who gets a prompt or a reminder, and with which tasks;
- :mod:`bot.rhythm.digest`: the weekly digest's figures and lists;
- :mod:`bot.rhythm.review`: the monthly review's (月研判) figures.

Their texts, the chart and the ledger (台账) workbook are drawn in :mod:`bot.render.rhythm`.

Nothing here imports ``telegram``, ``tinydb`` or ``storage``; the store is reached only through
``bot.domain.ports.Store``, and nothing here words a text: no catalog lookups.
"""
