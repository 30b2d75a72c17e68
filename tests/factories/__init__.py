"""Test data builders for the whole suite, one module per concept; tests build worlds from here.

- :mod:`.entities`: every domain record, keyword-only, every field defaulted (``f.person()``,
  ``f.report(progress=80)``), so a test names only what it is about; ids count up.
- :mod:`.snapshots`: one office's records (team ``t1``) with positional ids, dated in 2024
  (``person("p1", "张三")``, ``report("m1", "p1", when)``), and its ``snapshot``, or a memory
  store filled with one (``store_with``, ``fill``).
- :mod:`.office`: the county office of October 2024, built from those, as a snapshot with or
  without its cycle open (dispatch, follow-up, digest, review and ledger tests).
- :mod:`.service_world`: the services over a memory store with two teams and one person of
  each role (the service tests' ``world`` fixture).
- :mod:`.history`: a team with weeks of cycles, prompts and answers in a store, and a count of
  the records reads return (the tests that a view reads no more at five years than at two).
- :mod:`.files`: uploaded files: a workbook from rows, a roster CSV, the bundled sample plan.
- :mod:`.settings`: the offices' zone (``TZ``) and the bot's settings against the sandbox.

The end-to-end harnesses that run the bot (``tests/e2e/harness.py``, ``month_world.py``) take
their settings and files from here; what they add is driving the running bot.
"""
