"""`good-offices new` and `good-offices schema --install`: a starter that validates, proves its
endings and is checked by an editor in any folder; never an overwritten file."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote, urlparse

import jsonschema
import pytest
from ruamel.yaml import YAML

from game.authoring.editor import MODELINE_PREFIX, schema_folder
from game.authoring.endings import endings_of, read_transcript
from game.authoring.starter import STARTER, scenario_id_for
from game.cli import main
from game.scenario.loader import load_scenario

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def user_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """platformdirs reads XDG_DATA_HOME (Linux) at call time: the real home is never touched."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path / "data"


def _schema_of(path: Path) -> Path:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(MODELINE_PREFIX), first
    uri = first.removeprefix(MODELINE_PREFIX)
    assert uri.startswith("file://")
    return Path(unquote(urlparse(uri).path))


def test_new_writes_a_starter_that_validates_without_warnings_and_proves_every_ending(tmp_path: Path, capsys) -> None:
    target = tmp_path / "crises" / "Border Well"
    assert main(["new", str(target)]) == 0
    scenario = target / "border_well.yaml"
    loaded, problems = load_scenario(scenario)
    assert loaded is not None and problems == [], [p.render() for p in problems]
    assert loaded.scenario.id == "border_well"
    proofs = sorted((target / "border_well.proofs").glob("*.yaml"))
    reached = set()
    for proof in proofs:
        witness, found = read_transcript(proof, loaded)
        assert witness is not None, [p.render() for p in found]
        reached.add(witness.ending)
    assert reached == set(endings_of(loaded)) and len(reached) == 3
    out = capsys.readouterr().out
    assert f"wrote {scenario}" in out and "good-offices validate" in out


def test_the_starter_has_what_the_issue_asks_for() -> None:
    loaded, problems = load_scenario(STARTER)
    assert loaded is not None and problems == []
    scenario = loaded.scenario
    assert len(scenario.parties) == 2 and len(scenario.venues) >= 2 and scenario.messages and scenario.events
    grades = {phase.ending.grade for phase in scenario.phases.phases.values() if phase.ending}
    assert grades == {"success", "stalemate", "failure"}
    traps = [c for c in scenario.choices.values() if any(a.principle == "mandate" and a.verdict == "breached" for a in c.annotations)]
    assert traps, "a choice that oversteps the mandate, judged so by the debrief"
    assert STARTER.read_text(encoding="utf-8").count("\n#") >= 10, "the starter explains itself in comments"


def test_the_endings_command_accepts_the_new_proofs(tmp_path: Path, capsys) -> None:
    assert main(["new", str(tmp_path / "river.yaml")]) == 0
    capsys.readouterr()
    assert main(["endings", str(tmp_path / "river.yaml"), "--playouts", "0"]) == 0
    out = capsys.readouterr().out
    assert out.count("river.proofs/") == 3 and "NOT REACHED" not in out


def test_new_refuses_to_overwrite_and_writes_nothing(tmp_path: Path, capsys) -> None:
    target = tmp_path / "mine.yaml"
    target.write_text("my work\n", encoding="utf-8")
    assert main(["new", str(target)]) == 1
    err = capsys.readouterr().err.strip()
    assert err == f"{target}: already exists; nothing written (choose another name, or move it away first)"
    assert target.read_text(encoding="utf-8") == "my work\n"
    assert not (tmp_path / "mine.proofs").exists()


def test_new_refuses_when_only_the_proofs_folder_exists(tmp_path: Path, capsys) -> None:
    (tmp_path / "mine.proofs").mkdir()
    (tmp_path / "mine.proofs" / "kept.yaml").write_text("seed: 1\nmoves: []\n", encoding="utf-8")
    assert main(["new", str(tmp_path / "mine.yaml")]) == 1
    assert "mine.proofs: already exists" in capsys.readouterr().err
    assert not (tmp_path / "mine.yaml").exists()


def test_new_from_a_bundled_scenario_copies_it_and_its_proofs_under_the_new_id(tmp_path: Path, capsys) -> None:
    target = tmp_path / "ferry.yaml"
    assert main(["new", str(target), "--from", "harbour_crossing"]) == 0
    loaded, problems = load_scenario(target)
    assert loaded is not None and not [p for p in problems if p.is_error]
    assert loaded.scenario.id == "ferry"
    original = (ROOT / "scenarios" / "harbour_crossing.yaml").read_text(encoding="utf-8")
    copied = target.read_text(encoding="utf-8")
    assert copied.splitlines()[1:] == original.replace("id: harbour_crossing", "id: ferry", 1).splitlines()[1:], "comments kept"
    bundled = sorted(p.name for p in (ROOT / "scenarios" / "harbour_crossing.proofs").glob("*.yaml"))
    proofs = sorted((tmp_path / "ferry.proofs").glob("*.yaml"))
    assert [p.name for p in proofs] == bundled
    for proof in proofs:
        witness, found = read_transcript(proof, loaded)
        assert witness is not None, [p.render() for p in found]


def test_new_from_an_unknown_scenario_is_one_line_and_exit_1(tmp_path: Path, capsys) -> None:
    assert main(["new", str(tmp_path / "x.yaml"), "--from", "no_such_thing"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no_such_thing" in err
    assert not (tmp_path / "x.yaml").exists()


def test_the_modelines_point_at_installed_schemas_that_accept_the_new_files(tmp_path: Path, user_data: Path) -> None:
    assert main(["new", str(tmp_path / "river.yaml")]) == 0
    yaml = YAML(typ="safe", pure=True)  # YAML 1.2, as the editor's language server reads the file
    scenario_schema = _schema_of(tmp_path / "river.yaml")
    assert scenario_schema.is_file() and scenario_schema.is_relative_to(user_data)
    data = yaml.load((tmp_path / "river.yaml").read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads(scenario_schema.read_text(encoding="utf-8")))
    for proof in (tmp_path / "river.proofs").glob("*.yaml"):
        move_schema = _schema_of(proof)
        assert move_schema.is_file() and move_schema.name == "move.schema.json"
        jsonschema.validate(yaml.load(proof.read_text(encoding="utf-8")), json.loads(move_schema.read_text(encoding="utf-8")))


def test_schema_install_is_idempotent_and_prints_the_modeline_and_setting(capsys) -> None:
    assert main(["schema", "--install"]) == 0
    first = capsys.readouterr().out
    assert first.count("wrote ") == 2
    folder = schema_folder()
    before = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    assert set(before) == {"scenario.schema.json", "move.schema.json"}
    assert main(["schema", "--install"]) == 0
    second = capsys.readouterr().out
    assert second.count("up to date: ") == 2 and "wrote " not in second
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == before
    uri = (folder / "scenario.schema.json").resolve().as_uri()
    assert f"{MODELINE_PREFIX}{uri}" in second and '"yaml.schemas"' in second


def test_schema_install_rewrites_a_stale_schema(capsys) -> None:
    main(["schema", "--install"])
    stale = schema_folder() / "scenario.schema.json"
    stale.write_text("{}\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["schema", "--install"]) == 0
    assert f"wrote {stale}" in capsys.readouterr().out
    assert json.loads(stale.read_text(encoding="utf-8"))["properties"]["parties"]


def test_schema_install_into_an_unwritable_place_is_one_line(tmp_path: Path, monkeypatch, capsys) -> None:
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    assert main(["schema", "--install"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot write the schemas" in err


def test_schema_move_prints_the_move_file_schema(capsys) -> None:
    assert main(["schema", "--move"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["required"] == ["seed", "moves"] and schema["properties"]["moves"]["type"] == "array"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Border Well.yaml", "border_well"),
        ("2024-crisis", "scenario_2024_crisis"),
        ("---.yaml", "my_scenario"),
        ("Été à Genève.yaml", "ete_a_geneve"),
    ],
)
def test_ids_from_file_names(name: str, expected: str) -> None:
    assert scenario_id_for(Path(name)) == expected


def test_new_from_a_file_copies_its_map_picture_and_refuses_to_replace_one(tmp_path: Path, capsys) -> None:
    source = tmp_path / "mine" / "river.yaml"
    source.parent.mkdir()
    text = STARTER.read_text(encoding="utf-8").replace("briefing: >-", "map_image: pictures/map.png\nbriefing: >-", 1)
    source.write_text(text, encoding="utf-8")
    (source.parent / "pictures").mkdir()
    (source.parent / "pictures" / "map.png").write_bytes(b"\x89PNG\r\n\x1a\n picture")
    assert main(["new", str(tmp_path / "copy" / "delta.yaml"), "--from", str(source)]) == 0
    assert (tmp_path / "copy" / "pictures" / "map.png").read_bytes() == b"\x89PNG\r\n\x1a\n picture"
    loaded, problems = load_scenario(tmp_path / "copy" / "delta.yaml")
    assert loaded is not None and loaded.scenario.id == "delta", [p.render() for p in problems]
    capsys.readouterr()
    assert main(["new", str(tmp_path / "copy" / "other.yaml"), "--from", str(source)]) == 1
    assert "pictures/map.png: already exists" in capsys.readouterr().err
    assert not (tmp_path / "copy" / "other.yaml").exists()


def test_a_file_name_with_control_characters_is_printed_escaped(tmp_path: Path, capsys) -> None:
    target = tmp_path / "river\x1b[2J.yaml"
    assert main(["new", str(target)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "river\\u001b[2J.yaml" in out
    assert main(["new", str(target)]) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err and err.count("\n") == 1


def test_the_starters_principled_proof_is_a_clean_example_and_the_careless_one_is_not(tmp_path: Path) -> None:
    """The starter teaches by its proofs: the principled run breaches and misses nothing (it
    probes both sides before the talks), while the careless one breaches the mandate and the relay."""
    import yaml

    from game.debrief.logs import debrief_log
    from game.debrief.scripted import play_script

    loaded, _ = load_scenario(STARTER)
    assert loaded is not None
    verdicts = {}
    for name in ("principled", "careless"):
        proof = yaml.safe_load((STARTER.parent / "starter.proofs" / f"{name}.yaml").read_text(encoding="utf-8"))
        log = tmp_path / f"{name}.jsonl"
        play_script(loaded, proof["moves"], seed=proof["seed"], trainee=name, log=log)
        debrief, problems = debrief_log(log, None, suggest=False)
        assert debrief is not None, problems
        verdicts[name] = {(f.principle, f.verdict) for f in debrief.findings}
    assert not {v for _, v in verdicts["principled"]} & {"breached", "missed"}
    assert {("mandate", "breached"), ("fidelity", "breached")} <= verdicts["careless"]
