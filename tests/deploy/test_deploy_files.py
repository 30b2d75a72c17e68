"""The deployment kit in deploy/ stays consistent with itself and with the code it deploys.

Docker is not run here and YAML is not parsed (no extra dependencies): the Dockerfile and the
compose file are read as text, the systemd units with configparser.
"""

from __future__ import annotations

import argparse
import configparser
import importlib
import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from bot.cli.run import EXIT_SETTINGS, run

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
ENV_EXAMPLE = DEPLOY / "duban.env.example"
README = DEPLOY / "README.md"
DOCKERFILE = DEPLOY / "Dockerfile"
COMPOSE = DEPLOY / "docker-compose.yml"
SYSTEMD = DEPLOY / "systemd"
BACKUP_SCRIPT = SYSTEMD / "duban-backup.sh"
UNITS = (
    "duban.service",
    "duban-backup.service",
    "duban-backup.timer",
    "duban-health.service",
    "duban-health.timer",
    "duban-health-restart.service",
)

NAME = re.compile(r"\bDUBAN_[A-Z][A-Z0-9_]*\b")
ASSIGNMENT = re.compile(r"^#?\s*(DUBAN_[A-Z][A-Z0-9_]*)=(.*)$")
# Names in bot/ that operators never set, each with the reason it stays out of duban.env.example.
DEVELOPMENT_ONLY = {
    "DUBAN_BOTAPI_SPEC": "the offline sandbox's Bot API description, for tests and the demo",
}
HARDENING = (
    "UMask",
    "NoNewPrivileges",
    "CapabilityBoundingSet",
    "ProtectSystem",
    "ProtectHome",
    "PrivateTmp",
    "PrivateDevices",
    "ProtectKernelTunables",
    "ProtectKernelModules",
    "ProtectKernelLogs",
    "ProtectControlGroups",
    "RestrictAddressFamilies",
    "RestrictNamespaces",
    "LockPersonality",
    "MemoryDenyWriteExecute",
    "SystemCallArchitectures",
)


def env_example_names() -> set[str]:
    """Names set or shown commented out in duban.env.example."""
    lines = ENV_EXAMPLE.read_text(encoding="utf-8").splitlines()
    return {match[1] for line in lines if (match := ASSIGNMENT.match(line))}


def unit(name: str) -> configparser.ConfigParser:
    """A systemd unit file read as INI (repeated keys allowed, case kept, no interpolation)."""
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string((SYSTEMD / name).read_text(encoding="utf-8"), source=name)
    return parser


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, with continuation lines joined and comments dropped."""
    instructions: list[tuple[str, str]] = []
    pending = ""
    for raw in DOCKERFILE.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        keyword, _, args = (pending + line).partition(" ")
        instructions.append((keyword.upper(), " ".join(args.split())))
        pending = ""
    return instructions


def dockerfile_args(keyword: str) -> list[str]:
    """The arguments of every `keyword` instruction, in order."""
    return [args for name, args in dockerfile_instructions() if name == keyword]


def compose_service(name: str) -> str:
    """The text of one service block of docker-compose.yml (two-space indented key)."""
    text = COMPOSE.read_text(encoding="utf-8")
    match = re.search(rf"^  {name}:\n((?:    .*\n|\s*\n|\s*#.*\n)+)", text, re.MULTILINE)
    assert match, f"no service {name!r} in docker-compose.yml"
    return match[1]


def test_env_example_names_are_documented_in_readme() -> None:
    """Every DUBAN_* variable in duban.env.example is explained in deploy/README.md."""
    readme = README.read_text(encoding="utf-8")
    missing = sorted(name for name in env_example_names() if f"`{name}`" not in readme)
    assert not missing, f"deploy/README.md does not document {missing}"


def test_readme_documents_no_unknown_setting() -> None:
    """deploy/README.md mentions no DUBAN_* variable that duban.env.example lacks."""
    unknown = set(NAME.findall(README.read_text(encoding="utf-8"))) - env_example_names()
    assert not unknown, f"not in duban.env.example: {sorted(unknown)}"


def test_env_example_documents_each_setting_with_a_default() -> None:
    """Each setting in duban.env.example sits under a comment giving its default or 'required'."""
    for block in ENV_EXAMPLE.read_text(encoding="utf-8").split("\n\n"):
        names = [m[1] for line in block.splitlines() if (m := ASSIGNMENT.match(line))]
        comments = [line for line in block.splitlines() if line.startswith("#")]
        if names:
            described = " ".join(comments)
            assert "Default" in described or "required" in described, names


def test_env_example_lines_suit_systemd_and_docker() -> None:
    """duban.env.example holds only comments and bare KEY=value lines (no quotes, no inline #)."""
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        match = ASSIGNMENT.match(line)
        assert match, f"not a KEY=value line: {line!r}"
        value = match[2]
        assert not value.startswith(("'", '"')), f"quoted value: {line!r}"
        assert " #" not in value, f"inline comment: {line!r}"


def test_env_example_token_is_a_placeholder() -> None:
    """The committed token is a placeholder that no real token could be mistaken for."""
    lines = ENV_EXAMPLE.read_text(encoding="utf-8").splitlines()
    values = {m[1]: m[2] for line in lines if (m := ASSIGNMENT.match(line)) and line[0] != "#"}
    assert "DUBAN_BOT_TOKEN" in values
    assert not re.fullmatch(r"\d+:[A-Za-z0-9_-]{20,}", values["DUBAN_BOT_TOKEN"])


def test_deploy_gitignore_keeps_secrets_out() -> None:
    """deploy/.gitignore ignores the filled-in duban.env and the backups directory."""
    ignored = (DEPLOY / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "duban.env" in ignored
    assert "backups/" in ignored


def test_bot_source_names_are_in_env_example() -> None:
    """Every DUBAN_* name the bot's source uses appears in duban.env.example."""
    if not (ROOT / "bot" / "config.py").exists():
        pytest.skip("bot/config.py does not exist yet")
    used: set[str] = set()
    for path in (ROOT / "bot").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        used |= set(NAME.findall(text))
        used |= {f"DUBAN_{name}" for name in re.findall(r"\{PREFIX\}([A-Z][A-Z0-9_]*)", text)}
    config = importlib.import_module("bot.config")
    prefix = getattr(config, "PREFIX", "DUBAN_")
    used |= {prefix + key.upper() for key in getattr(config, "KEYS", ())}
    missing = sorted(used - env_example_names() - DEVELOPMENT_ONLY.keys())
    assert not missing, f"duban.env.example lacks {missing}"


@pytest.mark.parametrize("name", UNITS)
def test_units_parse(name: str) -> None:
    """Each systemd unit reads as INI with a [Unit] section and its type's section."""
    parser = unit(name)
    kind = "Timer" if name.endswith(".timer") else "Service"
    assert {"Unit", kind} <= set(parser.sections())
    assert parser["Unit"].get("Description")


def test_bot_service_has_the_required_settings() -> None:
    """duban.service runs `duban run` as user duban, restarts on failure, in a sandbox."""
    service = unit("duban.service")["Service"]
    assert service["Type"] == "simple"
    assert service["User"] == "duban"
    assert service["ExecStart"] == "/opt/duban/.venv/bin/duban run"
    assert service["EnvironmentFile"] == "/etc/duban/duban.env"
    assert service["StateDirectory"] == "duban"
    assert service["Restart"] == "on-failure"
    assert service["KillSignal"] == "SIGTERM"
    assert service["NoNewPrivileges"] in ("yes", "true")
    assert service["ProtectSystem"] == "strict"
    assert service["CapabilityBoundingSet"] == ""
    assert unit("duban.service")["Install"]["WantedBy"] == "multi-user.target"


def test_bot_service_does_not_restart_on_a_settings_problem(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`duban run` with bad settings exits with the code duban.service does not restart on (a
    wrong setting stays wrong: the unit stops as failed, its log naming the problem), and only
    that code."""
    for name in [n for n in os.environ if n.startswith("DUBAN_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("DUBAN_TIMEZONE", "Beijing")
    assert run(argparse.Namespace()) == EXIT_SETTINGS
    assert "DUBAN_TIMEZONE" in capsys.readouterr().err
    assert unit("duban.service")["Service"]["RestartPreventExitStatus"] == str(EXIT_SETTINGS)


def test_bot_service_data_dir_is_its_state_directory() -> None:
    """The unit's DUBAN_DATA_DIR is /var/lib/<StateDirectory>, the one place it may write."""
    text = (SYSTEMD / "duban.service").read_text(encoding="utf-8")
    state = unit("duban.service")["Service"]["StateDirectory"]
    assert f"Environment=DUBAN_DATA_DIR=/var/lib/{state}\n" in text


@pytest.mark.parametrize("key", HARDENING)
def test_backup_service_is_as_hardened_as_the_bot(key: str) -> None:
    """duban-backup.service repeats each sandbox setting of duban.service."""
    bot, backup = unit("duban.service")["Service"], unit("duban-backup.service")["Service"]
    assert key in bot
    assert backup.get(key) == bot[key]


def test_backup_service_runs_the_script_from_the_checkout() -> None:
    """duban-backup.service is a oneshot running deploy/systemd/duban-backup.sh as duban."""
    service = unit("duban-backup.service")["Service"]
    assert service["Type"] == "oneshot"
    assert service["User"] == "duban"
    assert service["StateDirectory"] == "duban"
    script = service["ExecStart"].split()[1]
    assert script == "/opt/duban/src/" + BACKUP_SCRIPT.relative_to(ROOT).as_posix()
    assert service["ExecStart"].split()[2] in service["ReadWritePaths"]


def test_backup_timer_references_the_backup_service() -> None:
    """duban-backup.timer starts duban-backup.service daily and catches up after downtime."""
    timer = unit("duban-backup.timer")
    assert timer["Timer"]["Unit"] == "duban-backup.service"
    assert (SYSTEMD / timer["Timer"]["Unit"]).is_file()
    assert timer["Timer"]["OnCalendar"]
    assert timer["Timer"]["Persistent"] in ("yes", "true")
    assert timer["Timer"]["RandomizedDelaySec"]
    assert timer["Install"]["WantedBy"] == "timers.target"


def test_dockerfile_runs_as_a_non_root_user() -> None:
    """The image's last USER is a named, non-root user."""
    users = dockerfile_args("USER")
    assert users
    assert users[-1] not in ("root", "0")


def test_dockerfile_installs_cjk_fonts_lean() -> None:
    """fonts-noto-cjk is installed without recommends and the apt lists are removed."""
    runs = [args for args in dockerfile_args("RUN") if "fonts-noto-cjk" in args]
    assert runs
    assert "--no-install-recommends" in runs[0]
    assert "rm -rf /var/lib/apt/lists/*" in runs[0]


def test_dockerfile_runtime_contract() -> None:
    """The image declares /data, the data dir, the health check, SIGTERM and `duban run`."""
    env = " ".join(dockerfile_args("ENV"))
    assert dockerfile_args("FROM")[0].startswith("${PYTHON_IMAGE}")
    assert "ARG PYTHON_IMAGE=python:3.12-slim" in DOCKERFILE.read_text(encoding="utf-8")
    assert dockerfile_args("VOLUME") == ['["/data"]']
    assert "DUBAN_DATA_DIR=/data" in env
    assert "PYTHONUNBUFFERED=1" in env
    assert dockerfile_args("HEALTHCHECK")[-1].endswith('CMD ["duban", "health"]')
    assert "DUBAN_HEALTH_ADDRESS=" in env
    assert dockerfile_args("STOPSIGNAL") == ["SIGTERM"]
    assert dockerfile_args("CMD") == ['["duban", "run"]']


def test_dockerfile_copies_what_the_package_build_needs() -> None:
    """The build stage copies pyproject.toml, its readme and every package directory it finds."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    copies = " ".join(args for args in dockerfile_args("COPY") if not args.startswith("--from"))
    assert "pyproject.toml" in copies.split()
    assert project["project"]["readme"] in copies.split()
    for pattern in project["tool"]["setuptools"]["packages"]["find"]["include"]:
        package = pattern.rstrip("*")
        assert f"{package} ./{package}" in copies, f"{package}/ is not copied"


def _ignored(path: str, rules: list[tuple[bool, re.Pattern[str]]]) -> bool:
    """Whether Docker leaves ``path`` out of the build context: the last rule matching the path
    or one of its parent directories decides (``!`` re-includes)."""
    parts = path.split("/")
    prefixes = ["/".join(parts[:n]) for n in range(1, len(parts) + 1)]
    verdict = False
    for keep, pattern in rules:
        if any(pattern.fullmatch(prefix) for prefix in prefixes):
            verdict = not keep
    return verdict


def _dockerignore() -> list[tuple[bool, re.Pattern[str]]]:
    rules = []
    for line in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        keep, glob = line.startswith("!"), line.lstrip("!")
        regex = re.escape(glob).replace(r"\*\*/", "(?:.*/)?").replace(r"\*", "[^/]*")
        rules.append((keep, re.compile(regex.replace(r"\?", "[^/]"))))
    return rules


def test_the_build_context_holds_what_the_image_copies_and_no_secret() -> None:
    """.dockerignore keeps every source the Dockerfile copies (and the files in them) and leaves
    out the token's env file, data directories, backups, the virtual environment, the demo's
    output and caches (the context was the whole checkout: 400 MB with .venv, the token too)."""
    rules = _dockerignore()
    sources = [
        args.split()[:-1] for args in dockerfile_args("COPY") if not args.startswith("--from")
    ]
    for source in (path for group in sources for path in group):
        inside = [f"{source}/__init__.py"] if (ROOT / source).is_dir() else []
        for path in [source, *inside]:
            assert not _ignored(path, rules), path
    for path in (
        "deploy/duban.env",
        "deploy/backups/duban-20250101-030000/state.json",
        "duban-data/state.json",
        ".venv/bin/python",
        "duban-demo-output/x/ledger.xlsx",
        ".git/config",
        "bot/__pycache__/app.cpython-312.pyc",
    ):
        assert _ignored(path, rules), path


def test_dockerfile_and_compose_agree_on_the_backup_script() -> None:
    """The compose backup service runs the script where the Dockerfile puts it."""
    copied = [args.split() for args in dockerfile_args("COPY") if "duban-backup.sh" in args]
    assert copied
    source, destination = copied[0]
    assert (ROOT / source) == BACKUP_SCRIPT
    assert f'"{destination}"' in compose_service("backup")


def test_compose_builds_and_runs_the_bot() -> None:
    """The duban service builds deploy/Dockerfile from the repo root, with /data in a volume."""
    service = compose_service("duban")
    assert re.search(r"^\s+context: \.\.$", service, re.MULTILINE)
    assert re.search(r"^\s+dockerfile: deploy/Dockerfile$", service, re.MULTILINE)
    assert re.search(r"^\s+env_file: duban\.env$", service, re.MULTILINE)
    assert re.search(r"^\s+restart: unless-stopped$", service, re.MULTILINE)
    assert re.search(r"^\s+- duban-data:/data$", service, re.MULTILINE)
    assert re.search(r"^\s+logging:$", service, re.MULTILINE)
    assert re.search(r"^volumes:\n  duban-data:", COMPOSE.read_text(encoding="utf-8"), re.M)


def test_compose_backup_is_opt_in() -> None:
    """The backup service sits behind a profile, so `docker compose up` never starts it."""
    service = compose_service("backup")
    assert re.search(r"^\s+profiles:\n\s+- backup$", service, re.MULTILINE)
    assert re.search(r"^\s+- duban-data:/data$", service, re.MULTILINE)


@pytest.fixture
def fake_duban(tmp_path: Path) -> dict[str, str]:
    """An environment whose `duban` fakes `store backup` and `store check` in shell."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "duban"
    script.write_text(
        "#!/bin/sh\n"
        'case "$1 $2" in\n'
        '  "store backup") mkdir "$3" && echo "{}" > "$3/db.json" ;;\n'
        '  "store check") [ -f "$4/db.json" ] && [ -z "${FAKE_CHECK_FAILS:-}" ] ;;\n'
        "  *) exit 64 ;;\n"
        "esac\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    return {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}


def run_backup(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """Run duban-backup.sh with /bin/sh."""
    return subprocess.run(
        ["/bin/sh", str(BACKUP_SCRIPT), *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


needs_sh = pytest.mark.skipif(shutil.which("sh") is None, reason="needs a POSIX shell")


@needs_sh
def test_backup_script_keeps_the_newest(tmp_path: Path, fake_duban: dict[str, str]) -> None:
    """duban-backup.sh writes a checked backup and prunes the oldest beyond KEEP."""
    root = tmp_path / "backups"
    for stamp in ("20240101-000000", "20240102-000000", "20240103-000000"):
        (root / f"duban-{stamp}").mkdir(parents=True)
    result = run_backup(fake_duban, str(root), "2")
    assert result.returncode == 0, result.stderr
    names = sorted(path.name for path in root.iterdir())
    assert len(names) == 2
    assert names[0] == "duban-20240103-000000"
    assert (root / names[1] / "db.json").is_file()


@needs_sh
def test_backup_script_failed_check_leaves_nothing(
    tmp_path: Path, fake_duban: dict[str, str]
) -> None:
    """A backup that fails `duban store check` leaves no entry and prunes nothing."""
    root = tmp_path / "backups"
    (root / "duban-20240101-000000").mkdir(parents=True)
    result = run_backup({**fake_duban, "FAKE_CHECK_FAILS": "1"}, str(root), "1")
    assert result.returncode != 0
    assert [path.name for path in root.iterdir()] == ["duban-20240101-000000"]


@needs_sh
@pytest.mark.parametrize("keep", ["0", "-1", "two"])
def test_backup_script_refuses_a_bad_keep(
    tmp_path: Path, fake_duban: dict[str, str], keep: str
) -> None:
    """duban-backup.sh refuses a KEEP that is not a whole number of at least 1."""
    result = run_backup(fake_duban, str(tmp_path), keep)
    assert result.returncode == 2
    assert "KEEP" in result.stderr


@pytest.mark.parametrize("key", HARDENING)
def test_health_service_is_as_hardened_as_the_bot(key: str) -> None:
    """duban-health.service repeats each sandbox setting of duban.service."""
    bot, health = unit("duban.service")["Service"], unit("duban-health.service")["Service"]
    assert health.get(key) == bot[key]


def test_health_units_restart_a_dead_bot() -> None:
    """Every minute the timer runs `duban health --live` as duban against the address the bot
    unit serves; a failure starts the unit that restarts duban.service."""
    health = unit("duban-health.service")
    bot = (SYSTEMD / "duban.service").read_text(encoding="utf-8")
    address = re.search(r"^Environment=DUBAN_HEALTH_ADDRESS=(\S+)$", bot, re.MULTILINE)
    assert address is not None
    assert f"DUBAN_HEALTH_ADDRESS={address[1]}" in health["Service"]["Environment"]
    assert health["Service"]["User"] == "duban"
    assert health["Service"]["ExecStart"].startswith("/opt/duban/.venv/bin/duban health --live")
    restart = health["Unit"]["OnFailure"]
    assert "systemctl restart duban.service" in unit(restart)["Service"]["ExecStart"]
    timer = unit("duban-health.timer")["Timer"]
    assert timer["Unit"] == "duban-health.service"
    assert timer["OnUnitActiveSec"] == "1min"


def test_compose_file_states_the_compose_version_it_needs() -> None:
    """The compose file uses v2-only keys and says so in its header."""
    text = COMPOSE.read_text(encoding="utf-8")
    assert re.search(r"^name: duban$", text, re.MULTILINE)
    assert "Compose v2.17 or newer" in text.split("\n\n", 1)[0]


def test_dockerfile_takes_mirror_and_ca_build_arguments() -> None:
    """A PyPI index, an apt mirror and an extra CA can be given at build time, and the lock is
    still installed with --require-hashes."""
    text = DOCKERFILE.read_text(encoding="utf-8")
    for name in ("PIP_INDEX_URL", "PIP_TRUSTED_HOST", "APT_MIRROR", "EXTRA_CA_CERT"):
        assert re.search(rf"^ARG {name}=", text, re.MULTILINE), name
    assert "--require-hashes -r requirements/runtime.txt" in text
