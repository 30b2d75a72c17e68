"""The one outbox every message leaves through (:mod:`bot.outbox.outbox`): retries with backoff
(:mod:`bot.outbox.retry`), pacing for bulk sends (:mod:`bot.outbox.pacing`), the 403 rules,
splitting, and an idempotent record of what Telegram confirmed."""

from bot.outbox.outbox import Outbox, Render
from bot.outbox.pacing import Pacing
from bot.outbox.retry import RetryPolicy
from bot.outbox.scope import Scope, handling
from bot.outbox.sent import Outgoing, Sent

__all__ = ["Outbox", "Outgoing", "Pacing", "Render", "RetryPolicy", "Scope", "Sent", "handling"]
