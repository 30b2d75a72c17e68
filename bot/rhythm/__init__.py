"""The weekly and monthly rhythm (周调度、月研判), as pure functions over domain data.

- :mod:`bot.rhythm.calendar`: China's working calendar (statutory holidays and 调休 make-up days);
- :mod:`bot.rhythm.schedule`: concrete cycle times and which events are due, with catch-up;
- :mod:`bot.rhythm.snapshot`: one read of a team's data from the ``Store`` port;
- :mod:`bot.rhythm.lights`: traffic lights and 序时进度 (expected progress by date);
- :mod:`bot.rhythm.dispatch`: who gets a prompt or a reminder, and with which tasks;
- :mod:`bot.rhythm.digest` / :mod:`bot.rhythm.render`: the weekly digest and its HTML;
- :mod:`bot.rhythm.review` / :mod:`bot.rhythm.render_review` / :mod:`bot.rhythm.chart`: 月研判;
- :mod:`bot.rhythm.ledger`: the 台账 workbook.

Long messages are split by :mod:`bot.text.split` (pure, shared with the renderers).

Nothing here imports ``telegram``, ``tinydb`` or ``storage``; the store is reached only through
``bot.domain.ports.Store``. Import the submodules directly (the chart pulls in matplotlib).
"""
