"""Tasks and the record (留痕): task views, a task's history, and ``/history`` searched."""
