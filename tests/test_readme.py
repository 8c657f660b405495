"""The README's two set-up commands: near the top, and the test one is what CI runs."""

from conftest import ROOT


def test_the_readme_has_two_setup_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = readme.split("## Set up", 1)[1].split("\n## ", 1)[0]
    commands = [line.strip() for line in setup.splitlines() if line.startswith("    ")]
    assert len(commands) == 2
    assert commands[0].endswith("pip install . && timeline next")
    assert commands[1].endswith("pip install '.[test]' && pytest")
    assert readme.index("## Set up") < 2000
    assert commands[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 300
