"""The Dockerfile and docker-compose.yml agree with each other and with the project.

No Docker engine is needed: both files are read as text (the compose file with PyYAML) and checked
against the Makefile's Debian packages, pyproject.toml's pins, the installed console scripts and the
settings that name files.
"""

import json
import re
import shlex
import tomllib
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


# --- reading the files ----------------------------------------------------------------------------------


@dataclass
class Stage:
    base: str
    name: str | None
    instructions: list[tuple[str, str]] = field(default_factory=list)

    def args(self, instruction: str) -> list[str]:
        return [args for name, args in self.instructions if name == instruction]

    def index(self, instruction: str, contains: str) -> int:
        """Position of the first ``instruction`` whose arguments contain ``contains``; -1 if none."""
        return next((i for i, (name, args) in enumerate(self.instructions)
                     if name == instruction and contains in args), -1)


def dockerfile_stages(text: str) -> list[Stage]:
    """The build stages, each with its instructions (continuation lines joined, comments dropped)."""
    logical, pending = [], ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue  # comments may also sit between the continued lines of one instruction
        if line.endswith("\\"):
            pending += line[:-1].strip() + " "
            continue
        logical.append(pending + line)
        pending = ""
    assert not pending, "the Dockerfile ends inside a continued instruction"
    stages: list[Stage] = []
    for line in logical:
        instruction, _, args = line.partition(" ")
        instruction, args = instruction.upper(), args.strip()
        if instruction == "FROM":
            words = args.split()
            name = words[2] if len(words) >= 3 and words[1].upper() == "AS" else None
            stages.append(Stage(base=words[0], name=name))
        else:
            assert stages, f"{instruction} before the first FROM"
            stages[-1].instructions.append((instruction, args))
    return stages


def exec_form(args: str) -> list[str]:
    """CMD/ENTRYPOINT arguments as a list, whether written as JSON (exec form) or as a shell line."""
    return json.loads(args) if args.startswith("[") else shlex.split(args)


def apt_packages(stage: Stage) -> set[str]:
    packages = set()
    for run in stage.args("RUN"):
        for step in re.split(r"&&|;", run):
            words = step.split()
            if "apt-get" in words and "install" in words:
                packages |= {w for w in words[words.index("install") + 1:] if not w.startswith("-")}
    return packages


def pinned_requirements() -> dict[str, str]:
    """Distribution name (lower case, extras dropped) -> the exact version pyproject.toml pins."""
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    pins = {}
    for dep in deps:
        match = re.fullmatch(r"([A-Za-z0-9_.\-]+)(\[[^\]]*\])?==([^\s;,]+)", dep.strip())
        assert match, f"{dep!r} in pyproject.toml is not pinned with =="
        pins[match.group(1).lower().replace("_", "-")] = match.group(3)
    return pins


def make_variable(name: str) -> list[str]:
    match = re.search(rf"^{name}\s*:?=\s*(.+)$", (ROOT / "Makefile").read_text(), re.MULTILINE)
    assert match, f"the Makefile defines no {name}"
    return match.group(1).split()


@pytest.fixture(scope="module")
def stages() -> list[Stage]:
    return dockerfile_stages((ROOT / "Dockerfile").read_text())


@pytest.fixture(scope="module")
def runtime(stages) -> Stage:
    """The last stage: what the image is."""
    return stages[-1]


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def built(compose) -> dict[str, dict]:
    """The services whose image is built from this checkout (``build: .``)."""
    services = {}
    for name, service in compose["services"].items():
        build = service.get("build")
        context = build.get("context") if isinstance(build, dict) else build
        if context in (".", "./"):
            services[name] = service
    return services


def command_of(service: dict) -> list[str]:
    command = service["command"]
    return command if isinstance(command, list) else shlex.split(command)


# --- the checks -------------------------------------------------------------------------------------------


def test_every_service_built_here_runs_the_image_the_dockerfile_builds(compose, built, runtime):
    assert set(built) == {"web", "worker", "beat"}
    for name, service in built.items():
        build = service["build"]
        dockerfile = build.get("dockerfile", "Dockerfile") if isinstance(build, dict) else "Dockerfile"
        assert dockerfile == "Dockerfile" and (ROOT / dockerfile).is_file(), name
        assert service["image"] == "fsc/nal-portal:latest", name
    # The runtime is Debian slim with the Python pyproject.toml asks for.
    assert runtime.base == "python:3.11-slim-bookworm"
    assert tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"] == ">=3.11,<3.12"


def test_the_image_has_the_debian_packages_make_run_installs(runtime, compose):
    """Fonts for the letters, WeasyPrint's libraries, gettext: the Makefile's RUN_DEBS, and curl for the
    health check."""
    installed = apt_packages(runtime)
    run_debs = make_variable("RUN_DEBS")
    assert {"fonts-nanum", "fonts-liberation2", "libpango-1.0-0", "libharfbuzz-subset0", "gettext"} <= set(run_debs)
    assert set(run_debs) <= installed, f"missing from the image: {sorted(set(run_debs) - installed)}"
    health = " ".join(compose["services"]["web"]["healthcheck"]["test"])
    if "curl" in health:
        assert "curl" in installed


def test_every_program_the_services_run_comes_from_the_pinned_requirements(built, runtime, stages):
    pins = pinned_requirements()
    cmd = exec_form(runtime.args("CMD")[-1])
    programs = {command_of(service)[0] for service in built.values()} | {cmd[0]}
    assert programs == {"gunicorn", "celery"}
    for program in programs:
        # The distribution that provides the console script, installed from the pin.
        providers = {ep.dist.name.lower() for ep in metadata.entry_points(group="console_scripts", name=program)}
        assert providers & set(pins), f"{program} is not installed by a pinned requirement ({providers})"
        for dist in providers & set(pins):
            assert metadata.version(dist) == pins[dist], f"{dist} differs from its pin in pyproject.toml"
    # The image installs exactly pyproject.toml's list, and the runtime takes that environment.
    installers = [s for s in stages if any("pip install" in run for run in s.args("RUN"))]
    assert installers, "no stage installs the Python packages"
    for stage in installers:
        assert any("pyproject.toml" in copy for copy in stage.args("COPY"))
        for run in stage.args("RUN"):
            for step in run.split("&&"):
                if "pip install" in step:
                    assert re.search(r"pip install\b.*-r requirements\.txt", step), step
                    assert "--upgrade" not in step and " -U " not in step, "unpinned upgrade in the image"
        assert any("tomllib" in run and "pyproject.toml" in run and "requirements.txt" in run
                   for run in stage.args("RUN"))
    venvs = [copy for copy in runtime.args("COPY") if copy.startswith("--from=") and "/opt/venv" in copy]
    assert venvs and any(f"--from={s.name} " in venvs[0] for s in installers)
    assert any(env.startswith("PATH=/opt/venv/bin") for env in runtime.args("ENV"))


def test_every_secret_the_environment_names_is_declared_and_attached(compose, built):
    declared = compose.get("secrets") or {}
    for name, service in compose["services"].items():
        env = service.get("environment") or {}
        if isinstance(env, list):
            env = dict(item.split("=", 1) for item in env)
        wanted = {Path(value).name for value in env.values()
                  if isinstance(value, str) and value.startswith("/run/secrets/")}
        attached = {s if isinstance(s, str) else s["source"] for s in service.get("secrets") or []}
        for secret in wanted:
            assert secret in declared, f"{name} names /run/secrets/{secret}, which is not declared"
            assert "file" in declared[secret] or declared[secret].get("external"), secret
            assert secret in attached, f"{name} names /run/secrets/{secret} but is not given it"
    # The signing key, certificate and CA all come from secrets: none defaults to var/pki in the image.
    for name in ("worker", "web", "beat"):
        env = built[name]["environment"]
        for setting in ("LETTER_SIGNING_KEY", "LETTER_SIGNING_CERT", "LETTER_SIGNING_CA"):
            assert env[setting].startswith("/run/secrets/"), (name, setting)


def test_the_image_runs_as_an_unprivileged_user(runtime):
    users = runtime.args("USER")
    assert users, "the image has no USER: it would run as root"
    user = users[-1].split(":")[0]
    assert user not in {"root", "0"}
    assert runtime.instructions.index(("USER", users[-1])) > max(
        i for i, (name, _args) in enumerate(runtime.instructions) if name == "RUN"), "a RUN after USER"


def test_translations_and_static_files_are_built_into_the_image(runtime, stages):
    collect = runtime.index("RUN", "manage.py collectstatic --noinput")
    assert collect >= 0, "collectstatic does not run at build"
    assert runtime.index("RUN", "manage.py compilemessages") >= 0, "compilemessages does not run at build"
    run = runtime.instructions[collect][1]
    # A throwaway key made inside that RUN: never an ENV or ARG, which would stay in the image.
    assert "DJANGO_SECRET_KEY=" in run and "secrets.token_urlsafe" in run
    assert not any("DJANGO_SECRET_KEY" in args for name, args in runtime.instructions if name in {"ENV", "ARG"})
    # The front-end files: npm ci from the lock file, vendor_assets.py, copied in before collectstatic.
    npm = [s for s in stages if any("npm ci" in r for r in s.args("RUN"))]
    assert npm and any("package-lock.json" in c for c in npm[0].args("COPY"))
    vendor = [s for s in stages if any("bin/vendor_assets.py" in r for r in s.args("RUN"))]
    assert vendor and any(c.startswith(f"--from={npm[0].name} ") for c in vendor[0].args("COPY"))
    copied = runtime.index("COPY", f"--from={vendor[0].name} ")
    assert 0 <= copied < collect and "portal/static/vendor" in runtime.instructions[copied][1]


def test_the_exposed_port_is_the_web_service_port(runtime, built):
    exposed = {port.split("/")[0] for args in runtime.args("EXPOSE") for port in args.split()}
    web = built["web"]
    container_ports = {str(p).split(":")[-1] for p in web["ports"]}
    assert exposed == container_ports == {"8000"}
    command = command_of(web)
    assert command[command.index("--bind") + 1].endswith(":8000")
    # The image's default command is the web service's.
    assert exec_form(runtime.args("CMD")[-1]) == command


def test_what_the_services_write_is_a_volume_the_image_prepares(runtime, built):
    """Every volume the portal's services mount exists in the image, owned by the portal's user (a
    new named volume takes over the ownership), and the settings point into them."""
    run = " ".join(runtime.args("RUN"))
    for name, service in built.items():
        targets = [volume.split(":")[1] for volume in service["volumes"]]
        for target in targets:
            assert target in run.split("mkdir -p", 1)[-1].split("&&")[0], (name, target)
        assert "chown -R portal:portal /var/lib/portal" in run and all(t.startswith("/var/lib/portal/") for t in targets)
        env = service["environment"]
        assert env["PORTAL_PRIVATE_ROOT"] in targets
        assert str(Path(env["AUDIT_CHECKPOINT_FILE"]).parent) in targets


def test_dockerignore_keeps_secrets_and_the_checkout_state_out_of_the_image(compose):
    ignored = {line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()
               if line.strip() and not line.startswith("#")}
    assert {".git", ".venv", "node_modules", "var", "staticfiles", "secrets", "**/*.pem"} <= ignored
    for secret in (compose.get("secrets") or {}).values():
        default = re.sub(r"\$\{[A-Z_]+:-([^}]+)\}", r"\1", secret["file"])
        assert Path(default).parts[0] == "secrets", f"{default} is not under the ignored secrets/"
