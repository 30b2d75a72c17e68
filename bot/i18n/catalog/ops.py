"""Texts for the operator (the 督查室 clerk who installs and runs Duban): the settings' problems,
``duban check``, the store tools and start-up failures. Names the operator types (environment
variables, TOML keys, paths, commands) stay as they are in both languages."""

from __future__ import annotations

ZH: dict[str, str] = {
    # -- settings (bot/config.py)
    "ops.settings.header": "督办无法启动：设置有 {count} 处问题：",
    "ops.settings.set_in": "（在 {path} 中设为 {key}）",
    "ops.settings.token_missing": "未设置 DUBAN_BOT_TOKEN（@BotFather 发放的机器人令牌）",
    "ops.settings.token_shape": "DUBAN_BOT_TOKEN 不是机器人令牌的格式（<数字>:<密钥>）",
    "ops.settings.config_unreadable": "DUBAN_CONFIG={path}：无法读取该文件（{reason}）",
    "ops.settings.config_not_toml": "DUBAN_CONFIG={path}：不是有效的 TOML 文件（{reason}）",
    "ops.settings.unknown_key": "{path}：无法识别的键 {key}（可用的键：{known}）",
    "ops.settings.unknown_key_prefix": "{path}：无法识别的键 {key}"
    "（应写作 {plain}：小写，不带 DUBAN_）",
    "ops.settings.unknown_key_typo": "{path}：无法识别的键 {key}（是否应为 {close}？）",
    "ops.settings.webhook_secret_needed": "使用 PostgreSQL 并以 webhook 方式运行时，必须设置 "
    "DUBAN_WEBHOOK_SECRET：连接同一数据库的各机器人进程须使用同一密钥",
    "ops.settings.database_url": "DUBAN_DATABASE_URL 应为 postgresql:// 开头的地址",
    "ops.settings.pool_max": "DUBAN_DATABASE_POOL_MAX={value} 应为 2 至 100 的整数",
    "ops.settings.health_address": "DUBAN_HEALTH_ADDRESS={value} 应为 主机:端口，"
    "例如 127.0.0.1:9464",
    "ops.settings.lease": "DUBAN_LEASE_SECONDS={value} 应为 2 至 600 的秒数",
    "ops.settings.proxy": "DUBAN_PROXY={value} 应为以 {schemes} 开头的地址",
    "ops.settings.holiday_missing": "DUBAN_HOLIDAY_FILE={value}：文件不存在",
    "ops.settings.holiday_unreadable": "DUBAN_HOLIDAY_FILE={value}：无法读取该文件（{reason}）",
    "ops.settings.holiday_line": "DUBAN_HOLIDAY_FILE={value}：第 {number} 行{why}：{line}",
    "ops.settings.holiday_why.shape": "格式不对，应为“YYYY-MM-DD[..YYYY-MM-DD] holiday|workday”",
    "ops.settings.holiday_why.date": "不是有效日期（{detail}）",
    "ops.settings.holiday_why.range": "日期范围颠倒或过长",
    "ops.settings.timezone": "DUBAN_TIMEZONE={value} 不是可识别的时区（如 Asia/Shanghai）",
    "ops.settings.admin_id": "DUBAN_ADMIN_IDS：第 {number} 项不是 Telegram 用户编号（应为数字）",
    "ops.settings.admin_id_token": "DUBAN_ADMIN_IDS：第 {number} 项不是 Telegram 用户编号"
    "（应为数字；该项像是机器人令牌）",
    "ops.settings.choice": "{name}={value} 应为 {allowed} 之一",
    "ops.settings.url_https": "{name}={value} 应为 https:// 开头的地址",
    "ops.settings.url_http": "{name}={value} 应为 http:// 或 https:// 开头的地址",
    "ops.settings.bot_api_suffix": "DUBAN_BOT_API_URL={value} 应为服务器的基础地址，"
    "末尾不带 /bot：{base}",
    "ops.settings.webhook_port": "DUBAN_WEBHOOK_PORT={value} 应为端口号（1–65535）",
    "ops.settings.webhook_secret_chars": "DUBAN_WEBHOOK_SECRET 只能包含 A-Z、a-z、0-9、_ 和 -"
    "（1–256 个字符）",
    "ops.settings.webhook_listen": "DUBAN_WEBHOOK_LISTEN={value} 应为 IP 地址（0.0.0.0、::）",
    # -- duban run (bot/cli/run.py)
    "ops.run.cannot_start": "督办无法启动：{reason}",
    "ops.run.data_dir": "数据目录 {path} 无法使用（{reason}）",
    "ops.run.token_refused": "Bot API 拒绝了令牌（InvalidToken），请核对 DUBAN_BOT_TOKEN",
    "ops.run.webhook_listen": "webhook 服务无法在 {listen}:{port} 监听（{reason}）",
    "ops.run.health_listen": "健康检查端点 {address} 无法监听（{reason}）",
    # -- duban check (bot/cli/checks.py)
    "ops.check.settings_ok": "设置：OK",
    "ops.check.zone": "  时区：{zone}，语言：{language}",
    "ops.check.api": "  Bot API：{url}",
    "ops.check.proxy": "  代理：{proxy}",
    "ops.check.line": "{mark} {label}：{detail}",
    "ops.check.label.data_dir": "数据目录",
    "ops.check.label.database": "数据库",
    "ops.check.label.admins": "管理员",
    "ops.check.label.calendar": "工作日历",
    "ops.check.label.bot_api": "Bot API",
    "ops.check.not_a_dir": "{path} 已存在，但不是目录",
    "ops.check.dir_ok": "{path}（{detail}）",
    "ops.check.dir_fail": "{detail}",
    "ops.check.dir_denied": "{detail}；{hint}",
    "ops.check.dir_cannot_create": "{path} 不存在，且无法在 {parent} 中创建（{reason}）",
    "ops.check.dir_will_create": "{path} 尚不存在，duban run 将创建该目录",
    "ops.check.owner": "该目录属于 {owner}（权限 {mode}），本命令以 {me} 身份运行："
    "请以 {owner} 身份运行本命令（使用 systemd 时为 duban-admin），"
    "或将目录交给 {me}（sudo chown -R {me}: {path}）",
    "ops.check.owner_root": "该目录属于 {owner}（权限 {mode}），本命令以 {me} 身份运行："
    "请将目录交给 {me}（sudo chown -R {me}: {path}）",
    "ops.check.pg_driver": '缺少 PostgreSQL 驱动：pip install "duban[postgres]"',
    "ops.check.db_unreachable": "{where} 无法连接（{reason}）",
    "ops.check.db_newer": "{where} 由较新版本的督办写入（数据结构版本 {version}，本版本最高读取 "
    "{current}）：请升级督办",
    "ops.check.db_ok": "{where}（PostgreSQL {server}，{state}）",
    "ops.check.db_empty": "尚无督办数据结构，duban run 将创建",
    "ops.check.db_upgrade": "数据结构版本 {version}，duban run 将升级至 {current}（请先备份）",
    "ops.check.db_schema": "数据结构版本 {version}",
    "ops.check.admins_none": "未设置：请将 DUBAN_ADMIN_IDS 设为您的 Telegram 数字用户编号"
    "（可询问 @userinfobot），否则无人能创建督办组",
    "ops.check.admins_ok": "{count} 人",
    "ops.check.calendar_missing": "{years} 年的节假日尚无数据（在 {horizon} 天内）："
    "请依国务院办公厅通知填入 DUBAN_HOLIDAY_FILE，或升级 chinese-calendar"
    "（见 CHANGELOG.md 的升级说明）",
    "ops.check.calendar_ok": "节假日数据已覆盖至 {year} 年",
    "ops.check.token_refused": "令牌被拒绝（InvalidToken），请核对 DUBAN_BOT_TOKEN",
    "ops.check.api_unreachable": "{where} 无法连接（{reason}）",
    "ops.check.api_error": "{where} 返回错误（{reason}）",
    "ops.check.api_ok": "正常，机器人为 @{username}",
    # -- the store's errors (storage/*: a code and its parameters)
    "ops.store.no_data_dir": "{path} 处没有数据目录",
    "ops.store.not_a_store": "{path} 中没有督办数据（无 {state}、{wal}/ 或 {legacy}）："
    "请核对数据目录（--data-dir 或 DUBAN_DATA_DIR）；机器人首次启动时在该目录中建立数据",
    "ops.store.locked": "数据目录 {path} 正由{holder}使用；内置存储只能由一个进程使用"
    "（如需运行多个机器人进程，请将数据存入 PostgreSQL：DUBAN_DATABASE_URL）",
    "ops.store.holder": "进程 {pid}{host}（{command}，启动于 {started}）",
    "ops.store.holder_host": "（主机 {host}）",
    "ops.store.holder_unknown": "另一进程",
    "ops.store.db_unavailable": "无法连接数据库：{reason}",
    "ops.store.db_not_committed": "事务未能提交：{reason}",
    "ops.store.db_no_connection": "没有可用的数据库连接：{reason}",
    "ops.store.dest_not_empty": "{path} 已存在且不为空",
    "ops.store.cannot_read": "无法读取 {path}：{reason}",
    "ops.store.copy_mismatch": "{path} 中的副本与原数据不符：{counts} ≠ {expected}",
    "ops.store.db_holds_data": "该数据库已有督办数据（{tables}）",
    "ops.store.counts_differ": "条数不一致，未保留任何数据：{wrong}",
    "ops.store.read_back": "{table} 读回的内容与数据目录中的不一致",
    "ops.store.schema_old": "数据结构版本 {version}；下次打开时升级至 {current}",
    "ops.store.damaged": "{where}没有完整的日志记录（因崩溃或磁盘已满而中断的写入，"
    "从未确认；下次打开时清除）",
    "ops.store.dangling": "{source}/{key}：{field} {value} 在 {target} 中不存在",
    "ops.store.more": "……其余 {kind}未列出",
    "ops.store.kind.undecodable": "无法解码的记录",
    "ops.store.kind.dangling": "失效的引用",
    "ops.store.kind.bad_rows": "无法解码或与键列不符的记录",
    "ops.store.list_separator": "、",
    # -- a damaged data directory (storage/layout.py, snapshot.py, migrations.py, durable.py)
    "ops.store.no_meta": "{path} 中没有 {table} 表：该文件已损坏，请从备份恢复"
    "（见 deploy/README.md 第 6 节）",
    "ops.store.state_missing": "{path} 缺失，但仍有 {count} 个数据文件（如 {example}）："
    "请从备份恢复该文件（见 deploy/README.md 第 6 节）",
    "ops.store.history_missing": "{folder}/ 中缺少历史文件（{months}）："
    "请从备份恢复（见 deploy/README.md 第 6 节）",
    "ops.store.unknown_collection": "{source} 中有本版本无法识别的数据集 {name}："
    "数据可能由较新版本的督办写入，或文件已损坏",
    "ops.store.undecodable_collection": "数据集 {collection} 中有无法解码的记录（{reason}）："
    "请运行 duban store check 查明，必要时从备份恢复",
    "ops.store.kept_changing": "读取期间 {path} 反复变动（已重试 {tries} 次）：请稍后再试",
    "ops.store.changed_while_read": "读取期间 {path} 发生变动",
    "ops.store.segments_missing": "{path} 中的日志分段不连续（现有 {found}）："
    "请从备份恢复（见 deploy/README.md 第 6 节）",
    "ops.store.malformed_op": "{path} 中有格式错误的日志操作：{op}",
    "ops.store.not_json": "{path} 不是有效的 JSON 文件（{reason}）：该文件已损坏，"
    "请从备份恢复（见 deploy/README.md 第 6 节）",
    "ops.store.not_tinydb": "{path} 不是 TinyDB 数据文件：该文件已损坏，"
    "请从备份恢复（见 deploy/README.md 第 6 节）",
    "ops.store.newer_store": "数据由较新版本的督办写入（数据结构版本 {version}，本版本最高读取 "
    "{current}）：请升级督办",
    "ops.store.docs_step": "数据结构版本 {step} 须依据原始记录迁移",
    # -- the write-ahead log's lost records (storage/snapshot.py, storage/integrity.py)
    "ops.store.bytes": "{file} 第 {start}–{end} 字节",
    "ops.store.lost_one": "第 {first} 条日志记录因损坏而丢失（{damage}）：{count} 个事务的写入"
    "不在数据中；其后 {kept} 条完好的记录（至 {through}）已保留",
    "ops.store.lost": "第 {first}–{last} 条日志记录因损坏而丢失（{damage}）：{count} 个事务的"
    "写入不在数据中；其后 {kept} 条完好的记录（至 {through}）已保留",
    "ops.store.undecodable": "{collection}/{key}：无法解码（{reason}）",
    # -- duban store check|backup --database-url (storage/postgres/check.py, dump.py)
    "ops.store.db_error": "数据库出错：{reason}",
    "ops.store.db_no_schema": "该数据库中没有督办数据结构：请核对 DUBAN_DATABASE_URL"
    "（或 --database-url）；duban run 首次启动时创建",
    "ops.store.db_newer": "数据结构版本 {version} 由较新版本的督办写入（本版本最高读取 "
    "{current}）：请升级督办",
    "ops.store.db_schema_old": "数据结构版本 {version}；下次打开时升级至 {current}（请先备份）",
    "ops.store.bad_row": "{table}/{key}：{problem}",
    "ops.store.row_undecodable": "无法解码（{reason}）",
    "ops.store.row_id": "记录中的编号为 {id}，与 id 列不符",
    "ops.store.row_keys": "键列 {keys} 与记录内容不符",
    "ops.store.pg_tools_missing": "需要 pg_dump 和 pg_restore（Debian：apt install "
    "postgresql-client）",
    "ops.store.pg_dump_failed": "pg_dump 执行失败：{reason}",
    "ops.store.dump_unreadable": "{path} 无法读回（{reason}）",
    "ops.store.dump_incomplete": "{path} 中缺少以下表的数据：{tables}",
    # -- duban store (bot/cli/store.py)
    "ops.store.heading_dir": "数据目录：{path}",
    "ops.store.heading_version": "数据结构版本 {version}，检查点 {generation}，"
    "其后日志记录 {records} 条",
    "ops.store.heading_db": "数据库：{where}",
    "ops.store.heading_db_version": "数据结构版本 {version}",
    "ops.store.warning": "提示：{text}",
    "ops.store.problem": "问题：{text}",
    "ops.store.ok": "OK",
    "ops.store.problems_found": "发现 {count} 处问题",
    "ops.store.backup_failed": "备份失败：{reason}",
    "ops.store.cannot_write": "无法写入 {path}（{reason}）",
    "ops.store.backup_done": "{source} 已备份至 {dest}，并经核验：{total}",
    "ops.store.backup_empty": "空数据",
    "ops.store.pg_dump_done": "{where} 的 pg_dump 已写入 {path}，并经核验",
    "ops.store.migrate_failed": "迁移失败：{reason}",
    "ops.store.column.collection": "数据集",
    "ops.store.column.directory": "数据目录",
    "ops.store.column.database": "数据库",
    "ops.store.migrate_ok": "OK：各数据集条数一致，每条记录读回无误",
    "ops.store.cannot_open": "无法打开数据：{reason}",
    # -- duban export, duban health
    "ops.export.no_team": "没有督办组{team}",
    "ops.export.no_team_named": "：{team}",
    "ops.export.several_teams": "有多个督办组：请用 --team 指定，或让 --output 指向目录",
    "ops.export.cannot_write": "无法写入文件：{path}（{reason}）",
    "ops.health.not_set": "未设置 DUBAN_HEALTH_ADDRESS：机器人不提供健康检查端点",
    "ops.health.no_answer": "{url}：无应答（{reason}）",
}

EN: dict[str, str] = {
    # -- settings (bot/config.py)
    "ops.settings.header": "Duban cannot start: the settings have {count} "
    "{count:problem|problems}:",
    "ops.settings.set_in": " [set in {path} as {key}]",
    "ops.settings.token_missing": "DUBAN_BOT_TOKEN is not set (the token from @BotFather)",
    "ops.settings.token_shape": "DUBAN_BOT_TOKEN does not look like a bot token "
    "(<digits>:<secret>)",
    "ops.settings.config_unreadable": "DUBAN_CONFIG={path}: cannot read the file ({reason})",
    "ops.settings.config_not_toml": "DUBAN_CONFIG={path}: not valid TOML ({reason})",
    "ops.settings.unknown_key": "{path}: unknown key {key} (known: {known})",
    "ops.settings.unknown_key_prefix": "{path}: unknown key {key} "
    "(write it as {plain}: lower case, without DUBAN_)",
    "ops.settings.unknown_key_typo": "{path}: unknown key {key} (did you mean {close}?)",
    "ops.settings.webhook_secret_needed": "DUBAN_WEBHOOK_SECRET must be set in webhook mode on "
    "PostgreSQL: every bot process serving the database must present the same one",
    "ops.settings.database_url": "DUBAN_DATABASE_URL must be a postgresql:// URL",
    "ops.settings.pool_max": "DUBAN_DATABASE_POOL_MAX={value} must be a whole number, 2 to 100",
    "ops.settings.health_address": "DUBAN_HEALTH_ADDRESS={value} must be host:port, "
    "e.g. 127.0.0.1:9464",
    "ops.settings.lease": "DUBAN_LEASE_SECONDS={value} must be a number of seconds, 2 to 600",
    "ops.settings.proxy": "DUBAN_PROXY={value} must be a URL starting with {schemes}",
    "ops.settings.holiday_missing": "DUBAN_HOLIDAY_FILE={value}: no such file",
    "ops.settings.holiday_unreadable": "DUBAN_HOLIDAY_FILE={value}: cannot read the file "
    "({reason})",
    "ops.settings.holiday_line": "DUBAN_HOLIDAY_FILE={value}: holiday file line {number}: "
    "{why}: {line}",
    "ops.settings.holiday_why.shape": "expected 'YYYY-MM-DD[..YYYY-MM-DD] holiday|workday'",
    "ops.settings.holiday_why.date": "{detail}",
    "ops.settings.holiday_why.range": "the range is backwards or too long",
    "ops.settings.timezone": "DUBAN_TIMEZONE={value} is not a known time zone (Asia/Shanghai)",
    "ops.settings.admin_id": "DUBAN_ADMIN_IDS: entry {number} is not a Telegram user id "
    "(a number)",
    "ops.settings.admin_id_token": "DUBAN_ADMIN_IDS: entry {number} is not a Telegram user id "
    "(a number; it looks like a bot token)",
    "ops.settings.choice": "{name}={value} must be one of {allowed}",
    "ops.settings.url_https": "{name}={value} must be an https:// URL",
    "ops.settings.url_http": "{name}={value} must be an http:// or https:// URL",
    "ops.settings.bot_api_suffix": "DUBAN_BOT_API_URL={value} must be the server's base URL, "
    "without /bot at its end: {base}",
    "ops.settings.webhook_port": "DUBAN_WEBHOOK_PORT={value} must be a port number (1-65535)",
    "ops.settings.webhook_secret_chars": "DUBAN_WEBHOOK_SECRET may only hold A-Z, a-z, 0-9, _ "
    "and - (1-256)",
    "ops.settings.webhook_listen": "DUBAN_WEBHOOK_LISTEN={value} must be an IP address "
    "(0.0.0.0, ::)",
    # -- duban run (bot/cli/run.py)
    "ops.run.cannot_start": "Duban cannot start: {reason}",
    "ops.run.data_dir": "the data directory {path} cannot be used ({reason})",
    "ops.run.token_refused": "the Bot API refused the token (InvalidToken); check DUBAN_BOT_TOKEN",
    "ops.run.webhook_listen": "the webhook server cannot listen on {listen}:{port} ({reason})",
    "ops.run.health_listen": "the health endpoint {address} cannot listen ({reason})",
    # -- duban check (bot/cli/checks.py)
    "ops.check.settings_ok": "settings: OK",
    "ops.check.zone": "  time zone: {zone}, language: {language}",
    "ops.check.api": "  Bot API: {url}",
    "ops.check.proxy": "  proxy: {proxy}",
    "ops.check.line": "{mark} {label}: {detail}",
    "ops.check.label.data_dir": "data directory",
    "ops.check.label.database": "database",
    "ops.check.label.admins": "admins",
    "ops.check.label.calendar": "working calendar",
    "ops.check.label.bot_api": "Bot API",
    "ops.check.not_a_dir": "{path} exists but is not a directory",
    "ops.check.dir_ok": "{path} ({detail})",
    "ops.check.dir_fail": "{detail}",
    "ops.check.dir_denied": "{detail}; {hint}",
    "ops.check.dir_cannot_create": "{path} is missing and cannot be created in {parent} "
    "({reason})",
    "ops.check.dir_will_create": "{path} does not exist yet; `duban run` will create it",
    "ops.check.owner": "it belongs to {owner} (mode {mode}) and this command runs as {me}: "
    "run the command as {owner} (with systemd: duban-admin) or give it to {me} "
    "(sudo chown -R {me}: {path})",
    "ops.check.owner_root": "it belongs to {owner} (mode {mode}) and this command runs as {me}: "
    "give it to {me} (sudo chown -R {me}: {path})",
    "ops.check.pg_driver": 'the PostgreSQL driver is missing: pip install "duban[postgres]"',
    "ops.check.db_unreachable": "{where} not reachable ({reason})",
    "ops.check.db_newer": "{where} was written by a newer Duban (schema {version}, this one "
    "reads up to {current}): upgrade Duban",
    "ops.check.db_ok": "{where} (PostgreSQL {server}, {state})",
    "ops.check.db_empty": "no Duban schema yet; `duban run` creates it",
    "ops.check.db_upgrade": "schema {version}; `duban run` upgrades it to {current} "
    "(back up first)",
    "ops.check.db_schema": "schema {version}",
    "ops.check.admins_none": "none: set DUBAN_ADMIN_IDS to your numeric Telegram user id "
    "(ask @userinfobot), or nobody can create a team",
    "ops.check.admins_ok": "{count}",
    "ops.check.calendar_missing": "no holidays known for {years} (within {horizon} "
    "{horizon:day|days}): add "
    "them to DUBAN_HOLIDAY_FILE from the State Council's notice, or upgrade chinese-calendar "
    "(see the upgrade notes in CHANGELOG.md)",
    "ops.check.calendar_ok": "holidays known through {year}",
    "ops.check.token_refused": "the token was refused (InvalidToken); check DUBAN_BOT_TOKEN",
    "ops.check.api_unreachable": "{where} not reachable ({reason})",
    "ops.check.api_error": "error from {where} ({reason})",
    "ops.check.api_ok": "OK, the bot is @{username}",
    # -- the store's errors (storage/*: a code and its parameters)
    "ops.store.no_data_dir": "no data directory at {path}",
    "ops.store.not_a_store": "no Duban store in {path} (no {state}, {wal}/ or {legacy}): check "
    "the data directory (--data-dir or DUBAN_DATA_DIR); the bot creates its store there when "
    "it first starts",
    "ops.store.locked": "data directory {path} is in use by {holder}; the embedded store serves "
    "one process only (to run several bot processes, keep the store in PostgreSQL: "
    "DUBAN_DATABASE_URL)",
    "ops.store.holder": "process {pid}{host} ({command}, started {started})",
    "ops.store.holder_host": " on {host}",
    "ops.store.holder_unknown": "another process",
    "ops.store.db_unavailable": "cannot connect to the database: {reason}",
    "ops.store.db_not_committed": "the transaction was not committed: {reason}",
    "ops.store.db_no_connection": "no database connection: {reason}",
    "ops.store.dest_not_empty": "{path} exists and is not empty",
    "ops.store.cannot_read": "cannot read {path}: {reason}",
    "ops.store.copy_mismatch": "the copy in {path} does not match: {counts} != {expected}",
    "ops.store.db_holds_data": "the database already holds Duban data ({tables})",
    "ops.store.counts_differ": "counts differ, nothing was kept: {wrong}",
    "ops.store.read_back": "{table} does not read back as it was in the directory",
    "ops.store.schema_old": "schema version {version}; it is migrated to {current} on next open",
    "ops.store.damaged": "{where} hold no complete log record (a write cut short by a crash or "
    "a full disk, never acknowledged; cleared on next open)",
    "ops.store.dangling": "{source}/{key}: {field} {value} is not in {target}",
    "ops.store.more": "... more {kind} not shown",
    "ops.store.kind.undecodable": "documents that do not decode",
    "ops.store.kind.dangling": "dangling references",
    "ops.store.kind.bad_rows": "documents that do not decode or agree",
    "ops.store.list_separator": ", ",
    # -- a damaged data directory (storage/layout.py, snapshot.py, migrations.py, durable.py)
    "ops.store.no_meta": "{path} has no {table} table: the file is damaged; restore it from a "
    "backup (deploy/README.md section 6)",
    "ops.store.state_missing": "{path} is missing but {count} data files exist (e.g. "
    "{example}); restore it from a backup (deploy/README.md section 6)",
    "ops.store.history_missing": "history files missing in {folder}/ ({months}); restore them "
    "from a backup (deploy/README.md section 6)",
    "ops.store.unknown_collection": "unknown collection {name} in {source}: a newer Duban wrote "
    "it, or the file is damaged",
    "ops.store.undecodable_collection": "{collection}: {reason}; run `duban store check` to "
    "find it, and restore from a backup if needed",
    "ops.store.kept_changing": "{path} kept changing while being read ({tries} tries); try "
    "again later",
    "ops.store.changed_while_read": "{path} changed while being read",
    "ops.store.segments_missing": "log segments missing in {path} (found {found}); restore "
    "from a backup (deploy/README.md section 6)",
    "ops.store.malformed_op": "{path}: malformed log operation {op}",
    "ops.store.not_json": "{path}: not valid JSON ({reason}); the file is damaged: restore it "
    "from a backup (deploy/README.md section 6)",
    "ops.store.not_tinydb": "{path}: not a TinyDB database; the file is damaged: restore it from "
    "a backup (deploy/README.md section 6)",
    "ops.store.newer_store": "the data was written by a newer Duban (schema {version}, this one "
    "reads up to {current}); upgrade Duban",
    "ops.store.docs_step": "schema {step} must be migrated from its documents",
    # -- the write-ahead log's lost records (storage/snapshot.py, storage/integrity.py)
    "ops.store.bytes": "{file} bytes {start}-{end}",
    "ops.store.lost_one": "log record {first} lost to damage ({damage}): the writes of {count} "
    "{count:transaction|transactions} are not in the store; {kept} intact later "
    "{kept:record|records} (through {through}) {kept:is|are} kept",
    "ops.store.lost": "log records {first}-{last} lost to damage ({damage}): the writes of "
    "{count} {count:transaction|transactions} are not in the store; {kept} intact later "
    "{kept:record|records} (through {through}) {kept:is|are} kept",
    "ops.store.undecodable": "{collection}/{key}: {reason}",
    # -- duban store check|backup --database-url (storage/postgres/check.py, dump.py)
    "ops.store.db_error": "database error: {reason}",
    "ops.store.db_no_schema": "no Duban schema in this database: check DUBAN_DATABASE_URL (or "
    "--database-url); `duban run` creates it on first start",
    "ops.store.db_newer": "schema {version} is newer than this Duban reads (up to {current}): "
    "upgrade Duban",
    "ops.store.db_schema_old": "schema {version}; it is upgraded to {current} on next open "
    "(back up first)",
    "ops.store.bad_row": "{table}/{key}: {problem}",
    "ops.store.row_undecodable": "{reason}",
    "ops.store.row_id": "the document's id is {id}",
    "ops.store.row_keys": "key columns {keys} disagree with the document",
    "ops.store.pg_tools_missing": "pg_dump and pg_restore are needed (Debian: apt install "
    "postgresql-client)",
    "ops.store.pg_dump_failed": "pg_dump failed: {reason}",
    "ops.store.dump_unreadable": "the dump {path} does not read back: {reason}",
    "ops.store.dump_incomplete": "the dump {path} lacks the data of {tables}",
    # -- duban store (bot/cli/store.py)
    "ops.store.heading_dir": "data directory: {path}",
    "ops.store.heading_version": "schema version {version}, checkpoint {generation}, "
    "{records} log records since",
    "ops.store.heading_db": "database: {where}",
    "ops.store.heading_db_version": "schema version {version}",
    "ops.store.warning": "warning: {text}",
    "ops.store.problem": "problem: {text}",
    "ops.store.ok": "OK",
    "ops.store.problems_found": "{count} {count:problem|problems} found",
    "ops.store.backup_failed": "backup failed: {reason}",
    "ops.store.cannot_write": "cannot write {path} ({reason})",
    "ops.store.backup_done": "backup of {source} written to {dest} and verified: {total}",
    "ops.store.backup_empty": "empty store",
    "ops.store.pg_dump_done": "pg_dump of {where} written to {path} and verified",
    "ops.store.migrate_failed": "migration failed: {reason}",
    "ops.store.column.collection": "collection",
    "ops.store.column.directory": "directory",
    "ops.store.column.database": "database",
    "ops.store.migrate_ok": "OK: every count matches and every entity reads back equal",
    "ops.store.cannot_open": "cannot open the store: {reason}",
    # -- duban export, duban health
    "ops.export.no_team": "no team{team}",
    "ops.export.no_team_named": " {team}",
    "ops.export.several_teams": "several teams: use --team, or make --output a directory",
    "ops.export.cannot_write": "cannot write the file: {path} ({reason})",
    "ops.health.not_set": "DUBAN_HEALTH_ADDRESS is not set: the bot serves no health endpoint",
    "ops.health.no_answer": "{url}: no answer ({reason})",
}

CATALOG: dict[str, dict[str, str]] = {"zh": ZH, "en": EN}
