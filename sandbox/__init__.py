"""A local Telegram Bot API sandbox for tests, the offline demo and benchmarks.

``async with Sandbox() as sb:`` serves the Bot API on loopback (``sb.base_url``,
``sb.base_file_url``, ``sb.token``) and scripts users through ``sb.driver``. See README.md.
"""

from sandbox.actors import Group, ScriptedUser
from sandbox.callbacks import CallbackAnswer
from sandbox.config import BotProfile, SandboxConfig
from sandbox.conversation import UserChat
from sandbox.driver import Driver, SandboxTimeout
from sandbox.faults import Fault, FaultConfig
from sandbox.ratelimit import Limit, RateLimits
from sandbox.sandbox import Sandbox
from sandbox.spec import BotApiSpec, Violation
from sandbox.views import Button, ButtonNotFound, MessageView

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
