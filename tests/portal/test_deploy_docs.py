"""What the README tells an operator to run is what CI runs (.ci/deploy-smoke)."""

import re

from django.conf import settings

README = settings.BASE_DIR / "README.md"
SMOKE = settings.BASE_DIR / ".ci" / "deploy-smoke"


def production_commands() -> list[str]:
    """The commands of the README's first shell block under "Running in production",
    with continuation lines joined and comments and `export` lines left out (the
    values there are placeholders)."""
    text = README.read_text()
    section = text.split("## Running in production", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    block = block.replace("\\\n", " ")
    commands = []
    for line in block.splitlines():
        command = line.split("#", 1)[0].strip()
        if command and not command.startswith("export "):
            commands.append(command)
    return commands


def test_the_smoke_runs_every_production_step_of_the_readme():
    smoke = SMOKE.read_text()
    commands = production_commands()
    assert len(commands) >= 6
    for command in commands:
        # gunicorn and the worker run with the smoke's own port and log files.
        program = command.split(" --bind")[0]
        assert program in smoke, f"README step not in .ci/deploy-smoke: {command}"


def test_the_readme_never_tells_the_web_server_to_serve_media():
    text = README.read_text()
    assert "Do not let the web server serve `$MEDIA_ROOT`" in text
    assert "Let the web server in front serve" not in text
