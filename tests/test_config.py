"""Settings: read once from the environment (and a TOML file), validated all at once."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.cli.say import settings_message
from bot.config import SecretStr, SettingsError, load_settings

TOKEN = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdef"


def english(error: SettingsError) -> str:
    """The problems as an operator reading English is told them (the Chinese, the default, are
    tested in tests/cli/test_ops_language.py)."""
    return settings_message(error, "en")


def test_defaults_with_only_a_token() -> None:
    """Only the token is needed; everything else has a sensible default."""
    settings = load_settings({"DUBAN_BOT_TOKEN": TOKEN})
    assert settings.require_token() == TOKEN
    assert settings.data_dir == Path("duban-data")
    assert str(settings.timezone) == "Asia/Shanghai"
    assert settings.admin_ids == frozenset()
    assert settings.language == "zh"
    assert settings.base_url is None
    assert settings.webhook is None


def test_every_variable_is_read() -> None:
    """Each DUBAN_* variable lands in its field."""
    settings = load_settings(
        {
            "DUBAN_BOT_TOKEN": TOKEN,
            "DUBAN_DATA_DIR": "/tmp/x",
            "DUBAN_TIMEZONE": "Europe/Berlin",
            "DUBAN_ADMIN_IDS": " 1, 22 ,333",
            "DUBAN_LANGUAGE": "EN",
            "DUBAN_BOT_API_URL": "http://127.0.0.1:8081/",
            "DUBAN_LOG_LEVEL": "debug",
            "DUBAN_WEBHOOK_URL": "https://example.org/hook",
            "DUBAN_WEBHOOK_PORT": "9000",
            "DUBAN_WEBHOOK_SECRET": "s3cret-token",
        }
    )
    assert settings.data_dir == Path("/tmp/x")
    assert str(settings.timezone) == "Europe/Berlin"
    assert settings.admin_ids == frozenset({1, 22, 333})
    assert settings.language == "en"
    assert settings.log_level == "DEBUG"
    assert settings.base_url == "http://127.0.0.1:8081/bot"
    assert settings.base_file_url == "http://127.0.0.1:8081/file/bot"
    assert settings.webhook is not None
    assert settings.webhook.port == 9000
    assert settings.webhook.url == "https://example.org/hook"


def test_all_problems_are_reported_together() -> None:
    """A missing token and three bad values give one error listing four problems."""
    with pytest.raises(SettingsError) as caught:
        load_settings(
            {
                "DUBAN_TIMEZONE": "Mars/Olympus",
                "DUBAN_ADMIN_IDS": "12,abc",
                "DUBAN_LANGUAGE": "fr",
            }
        )
    problems = caught.value.problems
    assert len(problems) == 4
    message = english(caught.value)
    for word in ("BOT_TOKEN", "TIMEZONE", "ADMIN_IDS", "LANGUAGE"):
        assert word in message


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DUBAN_BOT_TOKEN", "not-a-token"),
        ("DUBAN_TIMEZONE", "Asia"),
        ("DUBAN_TIMEZONE", "../etc/passwd"),
        ("DUBAN_LOG_LEVEL", "loud"),
        ("DUBAN_BOT_API_URL", "ftp://x"),
        ("DUBAN_WEBHOOK_URL", "http://insecure.example"),
        ("DUBAN_WEBHOOK_PORT", "99999"),
    ],
)
def test_invalid_values_are_refused(name: str, value: str) -> None:
    """Each malformed value is named in the error."""
    env = {"DUBAN_BOT_TOKEN": TOKEN, "DUBAN_WEBHOOK_URL": "https://example.org/h", name: value}
    with pytest.raises(SettingsError) as caught:
        load_settings(env)
    assert name.removeprefix("DUBAN_") in english(caught.value)


def test_token_may_be_absent_when_not_required() -> None:
    """`duban check`-style callers can load settings without a token and ask later."""
    settings = load_settings({}, require_token=False)
    assert settings.token is None
    with pytest.raises(SettingsError):
        settings.require_token()


def test_the_token_never_shows(caplog: pytest.LogCaptureFixture) -> None:
    """Neither repr, str nor a log line of the settings reveals the token."""
    settings = load_settings({"DUBAN_BOT_TOKEN": TOKEN})
    with caplog.at_level(logging.INFO):
        logging.getLogger("test").info("settings: %s %r", settings, settings)
    assert TOKEN not in repr(settings)
    assert TOKEN not in str(settings)
    assert TOKEN not in caplog.text
    assert str(SecretStr(TOKEN)) == "**********"


def test_toml_file_is_read_and_env_wins(tmp_path: Path) -> None:
    """Values come from the file named by DUBAN_CONFIG unless the environment sets them too."""
    config = tmp_path / "duban.toml"
    config.write_text(
        f'bot_token = "{TOKEN}"\nlanguage = "en"\nadmin_ids = [5, 6]\ntimezone = "UTC"\n',
        encoding="utf-8",
    )
    settings = load_settings({"DUBAN_CONFIG": str(config), "DUBAN_TIMEZONE": "Asia/Tokyo"})
    assert settings.language == "en"
    assert settings.admin_ids == frozenset({5, 6})
    assert str(settings.timezone) == "Asia/Tokyo"


def test_bad_toml_file_is_reported(tmp_path: Path) -> None:
    """An unreadable, malformed or unknown-keyed file is a settings problem, not a crash."""
    bad = tmp_path / "bad.toml"
    bad.write_text("bot_token = ", encoding="utf-8")
    odd = tmp_path / "odd.toml"
    odd.write_text(f'bot_token = "{TOKEN}"\ncolour = "red"\n', encoding="utf-8")
    for path, word in ((tmp_path / "missing.toml", "cannot read"), (bad, "TOML"), (odd, "colour")):
        with pytest.raises(SettingsError) as caught:
            load_settings({"DUBAN_CONFIG": str(path), "DUBAN_BOT_TOKEN": TOKEN})
        assert word in english(caught.value)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DUBAN_WEBHOOK_PORT", "0"),
        ("DUBAN_WEBHOOK_PORT", "http"),
        ("DUBAN_WEBHOOK_LISTEN", "not an address"),
        ("DUBAN_WEBHOOK_SECRET", "has spaces"),
        ("DUBAN_WEBHOOK_SECRET", "x" * 257),
    ],
)
def test_webhook_values_are_checked_even_without_the_url(name: str, value: str) -> None:
    """A malformed webhook setting is refused whenever it is set, with or without the URL."""
    for env in (
        {"DUBAN_BOT_TOKEN": TOKEN, name: value},
        {"DUBAN_BOT_TOKEN": TOKEN, "DUBAN_WEBHOOK_URL": "https://e.org/h", name: value},
    ):
        with pytest.raises(SettingsError) as caught:
            load_settings(env)
        assert name.removeprefix("DUBAN_") in english(caught.value)


def test_good_webhook_values_pass() -> None:
    """IPv4, IPv6 and localhost listen addresses and a Telegram-style secret are accepted."""
    for listen in ("0.0.0.0", "127.0.0.1", "::", "localhost"):
        settings = load_settings(
            {
                "DUBAN_BOT_TOKEN": TOKEN,
                "DUBAN_WEBHOOK_URL": "https://e.org/h",
                "DUBAN_WEBHOOK_LISTEN": listen,
                "DUBAN_WEBHOOK_SECRET": "a-Z_09",
            }
        )
        assert settings.webhook is not None
        assert settings.webhook.listen == listen


def test_webhook_mode_on_postgresql_needs_a_fixed_secret() -> None:
    """Webhook mode on PostgreSQL (several processes may serve it) without DUBAN_WEBHOOK_SECRET
    is refused, naming the setting; with one it is accepted, and polling needs none."""
    env = {"DUBAN_BOT_TOKEN": TOKEN, "DUBAN_WEBHOOK_URL": "https://e.org/h",
           "DUBAN_DATABASE_URL": "postgresql://u:p@db/duban"}  # fmt: skip
    with pytest.raises(SettingsError) as caught:
        load_settings(env)
    assert "WEBHOOK_SECRET" in english(caught.value)
    assert load_settings({**env, "DUBAN_WEBHOOK_SECRET": "same-for-all"}).webhook is not None
    del env["DUBAN_WEBHOOK_URL"]
    assert load_settings(env).webhook is None


def test_malformed_holiday_file_is_reported_with_its_line(tmp_path: Path) -> None:
    """A bad line in DUBAN_HOLIDAY_FILE fails the settings, naming the line number."""
    good = tmp_path / "good.txt"
    good.write_text("# 2030\n2030-10-01..2030-10-07 holiday\n2030-09-29 workday\n", "utf-8")
    assert load_settings({"DUBAN_BOT_TOKEN": TOKEN, "DUBAN_HOLIDAY_FILE": str(good)})
    bad = tmp_path / "bad.txt"
    bad.write_text("2030-10-01 holiday\n\n2030-13-40 holiday\n", "utf-8")
    with pytest.raises(SettingsError) as caught:
        load_settings({"DUBAN_BOT_TOKEN": TOKEN, "DUBAN_HOLIDAY_FILE": str(bad)})
    assert "HOLIDAY_FILE" in english(caught.value)
    assert "line 3" in english(caught.value)


def test_a_database_url_is_read_and_hidden() -> None:
    """DUBAN_DATABASE_URL selects PostgreSQL; its password never shows in a repr."""
    url = "postgresql://duban:s3cret@db:5432/duban"
    settings = load_settings({"DUBAN_BOT_TOKEN": TOKEN, "DUBAN_DATABASE_URL": url})
    assert settings.database_url == SecretStr(url)
    assert "s3cret" not in repr(settings)
    assert load_settings({"DUBAN_BOT_TOKEN": TOKEN}).database_url is None


def test_a_database_url_that_is_not_postgresql_is_refused_without_echoing_it() -> None:
    """Another scheme is a settings problem, and the message does not repeat the URL."""
    with pytest.raises(SettingsError) as caught:
        load_settings({"DUBAN_BOT_TOKEN": TOKEN, "DUBAN_DATABASE_URL": "mysql://root:pw@db/duban"})
    assert "DUBAN_DATABASE_URL must be a postgresql:// URL" in english(caught.value)
    assert "pw@" not in english(caught.value) + str(caught.value)


@pytest.mark.parametrize(("value", "pool_max"), [(None, 8), ("2", 2), ("32", 32)])
def test_the_database_pool_size_is_read(value: str | None, pool_max: int) -> None:
    """DUBAN_DATABASE_POOL_MAX bounds each process's connections (8 when unset)."""
    env = {"DUBAN_BOT_TOKEN": TOKEN}
    if value is not None:
        env["DUBAN_DATABASE_POOL_MAX"] = value
    assert load_settings(env).database_pool_max == pool_max


@pytest.mark.parametrize("value", ["1", "0", "101", "many", "-3"])
def test_a_database_pool_size_out_of_range_is_refused(value: str) -> None:
    """Fewer than 2 connections (one for the event loop, one for the workers) or more than 100
    is a settings problem naming the variable."""
    with pytest.raises(SettingsError, match="DUBAN_DATABASE_POOL_MAX"):
        load_settings({"DUBAN_BOT_TOKEN": TOKEN, "DUBAN_DATABASE_POOL_MAX": value})


def test_operations_settings_are_read() -> None:
    """The log format, the health endpoint's address and the proxy land in their fields; the
    proxy (which may hold a password) is a secret."""
    settings = load_settings(
        {
            "DUBAN_BOT_TOKEN": TOKEN,
            "DUBAN_LOG_FORMAT": "JSON",
            "DUBAN_HEALTH_ADDRESS": "[::1]:9464",
            "DUBAN_PROXY": "socks5h://user:pw@127.0.0.1:1080",
        }
    )
    assert settings.log_format == "json"
    assert settings.health is not None
    assert (settings.health.host, settings.health.port) == ("::1", 9464)
    assert settings.proxy is not None
    assert settings.proxy.get_secret_value() == "socks5h://user:pw@127.0.0.1:1080"
    assert "pw" not in repr(settings)
    bare = load_settings({"DUBAN_BOT_TOKEN": TOKEN, "DUBAN_HEALTH_ADDRESS": "9464"}).health
    assert str(bare) == "127.0.0.1:9464"  # a bare port listens on loopback
    defaults = load_settings({"DUBAN_BOT_TOKEN": TOKEN})
    assert (defaults.log_format, defaults.health, defaults.proxy) == ("text", None, None)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("LOG_FORMAT", "xml"),
        ("HEALTH_ADDRESS", "127.0.0.1:"),
        ("HEALTH_ADDRESS", "127.0.0.1:99999"),
        ("HEALTH_ADDRESS", "example.org:9464"),
        ("PROXY", "ftp://proxy:21"),
        ("PROXY", "socks4://proxy:1080"),
    ],
)
def test_bad_operations_settings_are_refused(name: str, value: str) -> None:
    """A wrong log format, health address or proxy scheme is reported by name."""
    with pytest.raises(SettingsError) as caught:
        load_settings({"DUBAN_BOT_TOKEN": TOKEN, f"DUBAN_{name}": value})
    assert f"DUBAN_{name}" in english(caught.value)


def test_a_bad_proxy_url_never_shows_its_password() -> None:
    """The proxy problem names the variable but masks the password in the URL it quotes."""
    with pytest.raises(SettingsError) as caught:
        load_settings({"DUBAN_BOT_TOKEN": TOKEN, "DUBAN_PROXY": "socks4://me:s3cret@proxy:1"})
    assert "DUBAN_PROXY" in english(caught.value)
    assert "s3cret" not in english(caught.value)


def test_tokens_anywhere_in_problems_are_masked() -> None:
    """A token pasted into any setting is not printed back, whichever check quotes it."""
    with pytest.raises(SettingsError) as caught:
        load_settings({"DUBAN_BOT_TOKEN": TOKEN, "DUBAN_TIMEZONE": TOKEN, "DUBAN_LANGUAGE": TOKEN})
    assert TOKEN not in english(caught.value)
    assert english(caught.value).count("**********") == 2


@pytest.mark.parametrize(
    ("value", "seconds"), [(None, 30.0), ("5", 5.0), ("2.5", 2.5), ("600", 600.0)]
)
def test_the_lease_of_several_processes_is_read_in_seconds(
    value: str | None, seconds: float
) -> None:
    """DUBAN_LEASE_SECONDS: 30 unless set, any number of seconds from 2 to 600."""
    env = {"DUBAN_BOT_TOKEN": TOKEN} | ({"DUBAN_LEASE_SECONDS": value} if value else {})
    assert load_settings(env).lease_seconds == seconds


@pytest.mark.parametrize("value", ["1", "601", "soon", "-5"])
def test_a_lease_out_of_range_is_refused(value: str) -> None:
    """A lease too short to renew, too long to wait for, or not a number is a clear error."""
    with pytest.raises(SettingsError, match="LEASE_SECONDS"):
        load_settings({"DUBAN_BOT_TOKEN": TOKEN, "DUBAN_LEASE_SECONDS": value})


def test_a_problem_with_a_value_from_the_file_names_the_file_and_its_key(tmp_path: Path) -> None:
    """A bad value the TOML file gave is reported with the file and key to fix, not only the
    variable the operator never set; a bad value from the environment is reported as before."""
    config = tmp_path / "duban.toml"
    config.write_text('timezone = "Beijing"\nlanguage = "cn"\n', encoding="utf-8")
    with pytest.raises(SettingsError) as caught:
        load_settings(
            {"DUBAN_CONFIG": str(config), "DUBAN_BOT_TOKEN": TOKEN, "DUBAN_LANGUAGE": "fr"}
        )
    problems = english(caught.value).splitlines()
    assert any("'Beijing'" in p and f"[set in {config} as timezone]" in p for p in problems)
    assert any("'fr'" in p and "set in" not in p for p in problems)


@pytest.mark.parametrize(
    ("key", "hint"),
    [
        ("bot_tokn", "did you mean bot_token?"),
        ("DUBAN_ADMIN_IDS", "write it as admin_ids"),
        ("webhook_prot", "did you mean webhook_port?"),
    ],
)
def test_an_unknown_key_in_the_file_names_the_key_meant(
    tmp_path: Path, key: str, hint: str
) -> None:
    """A misspelt key, or a variable's name used as a key, is refused with the key meant."""
    config = tmp_path / "duban.toml"
    config.write_text(f'{key} = "1"\n', encoding="utf-8")
    with pytest.raises(SettingsError) as caught:
        load_settings({"DUBAN_CONFIG": str(config), "DUBAN_BOT_TOKEN": TOKEN})
    assert hint in english(caught.value)


@pytest.mark.parametrize("path", ["/bot", "/bot/", f"/bot{TOKEN}", "/tg/bot"])
def test_a_bot_api_url_ending_in_bot_is_refused_with_the_base_url(path: str) -> None:
    """DUBAN_BOT_API_URL copied with PTB's /bot suffix is refused naming the base URL to use,
    never the token, instead of failing later as a refused token."""
    with pytest.raises(SettingsError) as caught:
        load_settings(
            {"DUBAN_BOT_TOKEN": TOKEN, "DUBAN_BOT_API_URL": f"http://127.0.0.1:8081{path}"}
        )
    base = "http://127.0.0.1:8081" + ("/tg" if path.startswith("/tg") else "")
    assert f"without /bot at its end: {base}" in english(caught.value)
    assert TOKEN not in english(caught.value)


def test_a_bot_api_url_with_a_path_of_its_own_is_kept() -> None:
    """A server behind a path prefix keeps it (only a trailing /bot is wrong)."""
    settings = load_settings({"DUBAN_BOT_TOKEN": TOKEN, "DUBAN_BOT_API_URL": "http://h:8081/tg/"})
    assert settings.bot_api_url == "http://h:8081/tg"
    assert settings.base_url == "http://h:8081/tg/bot"
