"""Prometheus metrics: the few numbers an operator watches, via the standard client library.

Call sites stay one line each, so they are easy to find and to move:

- :func:`update_handled` for every update the bot receives (the composition root);
- :func:`reply_recorded` when an official's answer is stored (the report service);
- :func:`prompt_sent` / :func:`prompt_failed` per weekly prompt (the prompt service);
- :func:`flood_wait` for every 429 Telegram answers (the HTTP layer, :mod:`bot.health`);
- :func:`job_lag` when a scheduled job runs later than planned (the job queue);
- :func:`store_write` with the duration of each durable commit (the store, via the root).

The metrics live in the process-wide default registry, so ``/metrics`` also shows the client's
process and Python collectors (memory, CPU, open files, garbage collection).
"""

from __future__ import annotations

from prometheus_client import CONTENT_TYPE_LATEST, Counter, Histogram, generate_latest

UPDATES = Counter(
    "duban_updates_handled", "Updates received from Telegram and handed to the handlers", ["kind"]
)
REPLIES = Counter("duban_replies_recorded", "Officials' answers (reports) stored")
PROMPTS_SENT = Counter("duban_prompts_sent", "Weekly prompts delivered")
PROMPTS_FAILED = Counter(
    "duban_prompts_failed", "Weekly prompts not delivered, by reason", ["reason"]
)
FLOOD_WAITS = Counter("duban_flood_waits", "429 answers (flood control) from the Bot API")
JOB_LAG = Histogram(
    "duban_job_lag_seconds",
    "How late a scheduled job started",
    ["job"],
    buckets=(0.1, 0.5, 1, 2, 5, 15, 60, 300, 900),
)
STORE_WRITE = Histogram(
    "duban_store_write_seconds",
    "Duration of one durable store commit (write-ahead log append and fsync)",
    buckets=(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1),
)

CONTENT_TYPE = CONTENT_TYPE_LATEST


def update_handled(kind: str) -> None:
    """One update received (``kind``: message, callback_query, edited_message, ...)."""
    UPDATES.labels(kind=kind).inc()


def reply_recorded() -> None:
    """One report stored."""
    REPLIES.inc()


def prompt_sent() -> None:
    """One weekly prompt delivered."""
    PROMPTS_SENT.inc()


def prompt_failed(reason: str) -> None:
    """One weekly prompt not delivered (``reason``: unreachable, failed)."""
    PROMPTS_FAILED.labels(reason=reason).inc()


def flood_wait() -> None:
    """One 429 from the Bot API."""
    FLOOD_WAITS.inc()


def job_lag(job: str, seconds: float) -> None:
    """A job named ``job`` (its kind, e.g. ``heartbeat``) started ``seconds`` late."""
    JOB_LAG.labels(job=job).observe(max(seconds, 0.0))


def store_write(seconds: float) -> None:
    """One durable commit took ``seconds``."""
    STORE_WRITE.observe(seconds)


def exposition() -> bytes:
    """Every metric in Prometheus' text format."""
    return generate_latest()
