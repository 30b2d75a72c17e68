"""Words every message shares: common replies, roles, statuses, languages and the
names of attached files."""

from __future__ import annotations

ZH: dict[str, str] = {
    # -- common
    "common.expired": "这个按钮已失效，请重新打开菜单。",
    "common.failed": "操作没有成功，请稍后再试。",
    "common.hint": "我只能处理文字、命令、照片和文件。发送 /help 查看可以做什么。",
    "common.oops": "抱歉，出了点问题，已通知管理员。请稍后再试。",
    "common.not_recorded": "本次反馈未能记录，请稍后重发。",
    "common.more": "……还有 {count} 项",
    "common.group_only": "请在领导群里发送这个命令。",
    "common.private_only": "请在与我的私聊中使用这个命令。",
    "common.usage": "用法：{usage}",
    "common.stranger": "您好！您还没有登记。请向督查工作人员索取您的专属邀请链接。",
    "common.poll_conflict": (
        "⚠️ 本机器人收不到新消息：Telegram 答复另有程序在用同一机器人令牌接收消息"
        "（{detail}）。请停止另一个 Duban 进程（或其他用此令牌的程序）；"
        "如已改用 webhook 方式，请只运行 webhook 方式的进程。"
    ),
    # -- roles and statuses
    "role.admin": "管理员",
    "role.lead": "督办员",
    "role.leader": "领导",
    "role.official": "责任人",
    "role.liaison": "联络员",
    "status.on_track": "正常推进",
    "status.done": "已完成",
    "status.behind": "滞后",
    "status.blocked": "受阻",
    "status.none": "未报状态",
    "status.text_only": "📝 文字说明（未报状态）",
    # -- language
    "lang.choose": "请选择语言：",
    "lang.set": "已切换为{name}。",
    "lang.name.zh": "中文",
    "lang.name.en": "English",
    "attachment.photo": "{count} 张图片",
    "attachment.document": "{count} 个文件",
    "attachment.video": "{count} 个视频",
    "attachment.sep": "、",
}

EN: dict[str, str] = {
    "common.expired": "This button has expired; please open the menu again.",
    "common.failed": "That did not work; please try again later.",
    "common.hint": "I can read text, commands, photos and files. Send /help to see what I can do.",
    "common.oops": "Sorry, something went wrong. The admins were told. Please try again later.",
    "common.not_recorded": "This was not recorded. Please send it again later.",
    "common.more": "… and {count} more",
    "common.group_only": "Please send this command in the leaders' group.",
    "common.private_only": "Please use this command in a private chat with me.",
    "common.usage": "Usage: {usage}",
    "common.stranger": "Hello! You are not registered yet. Please ask your supervision office "
    "for your personal invite link.",
    "common.poll_conflict": "⚠️ This bot is not receiving messages: Telegram says another "
    "program is receiving them with the same bot token ({detail}). Stop the other Duban "
    "process (or the other program using this token); if you moved to webhook mode, run only "
    "the webhook process.",
    "role.admin": "admin",
    "role.lead": "lead",
    "role.leader": "leader",
    "role.official": "official",
    "role.liaison": "liaison",
    "status.on_track": "On track",
    "status.done": "Done",
    "status.behind": "Behind",
    "status.blocked": "Blocked",
    "status.none": "No status stated",
    "status.text_only": "📝 text only (no status stated)",
    "lang.choose": "Choose a language:",
    "lang.set": "Language set to {name}.",
    "lang.name.zh": "中文",
    "lang.name.en": "English",
    "attachment.photo": "{count} {count:photo|photos}",
    "attachment.document": "{count} {count:file|files}",
    "attachment.video": "{count} {count:video|videos}",
    "attachment.sep": ", ",
}

CATALOG: dict[str, dict[str, str]] = {"zh": ZH, "en": EN}
