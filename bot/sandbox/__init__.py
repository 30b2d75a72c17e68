"""A local Telegram Bot API sandbox for tests, the offline demo and benchmarks.

``async with Sandbox() as sb:`` serves the Bot API on loopback (``sb.base_url``,
``sb.base_file_url``, ``sb.token``) and scripts users through ``sb.driver``. See README.md.
"""

from bot.sandbox.actors import Group, ScriptedUser
from bot.sandbox.callbacks import CallbackAnswer
from bot.sandbox.config import BotProfile, SandboxConfig
from bot.sandbox.conversation import UserChat
from bot.sandbox.driver import Driver, SandboxTimeout
from bot.sandbox.faults import Fault, FaultConfig
from bot.sandbox.ratelimit import Limit, RateLimits
from bot.sandbox.sandbox import Sandbox
from bot.sandbox.spec import BotApiSpec, Violation
from bot.sandbox.views import Button, ButtonNotFound, MessageView

__all__ = [
    "BotApiSpec",
    "BotProfile",
    "Button",
    "ButtonNotFound",
    "CallbackAnswer",
    "Driver",
    "Fault",
    "FaultConfig",
    "Group",
    "Limit",
    "MessageView",
    "RateLimits",
    "Sandbox",
    "SandboxConfig",
    "SandboxTimeout",
    "ScriptedUser",
    "UserChat",
    "Violation",
]
