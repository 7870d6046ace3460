"""`benchmarks/handwritten.py` reads the hand-written page sets with saved models and prints
their counts: checked with the shipped model standing in for two fold models (no corpus needed;
fitting the real fold models takes minutes and ``../shared``)."""

from __future__ import annotations

import importlib.util
import pickle
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _script():
    spec = importlib.util.spec_from_file_location("handwritten", REPO / "benchmarks" / "handwritten.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_handwritten_counts_each_models_flagged_and_found_pages(tmp_path, capsys):
    from spamdetect import load_model

    hw = _script()
    model = load_model()
    for k in range(2):
        (tmp_path / f"fold{k}.pkl").write_bytes(pickle.dumps(model))
    clean, infected = hw.page_sets(["blind9"])["blind9"]
    assert (len(clean), len(infected)) == (30, 20)
    flagged, _, _ = hw.read_pages(model, clean)
    _, found, hits = hw.read_pages(model, infected)
    assert 0 < found <= 20 and hits >= found and 0 <= flagged < 30

    assert hw.main(["--load", str(tmp_path), "--sets", "blind9,blind5"]) == 0
    out = capsys.readouterr().out.splitlines()
    row = next(line for line in out if line.startswith("| blind9 |"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[1:4] == [f"{flagged} {flagged} of 30", f"{2 * flagged} of 60", f"{flagged} of 30"]
    assert cells[4:7] == [f"{found} {found} of 20", f"{2 * found} of 40", f"{found} of 20"]
    # a set the recipe trains on is marked, and its clean pages stay out of the clean total
    assert "of 30 (trained on) |" in next(line for line in out if line.startswith("| blind5 |"))
    total = next(line for line in out if line.startswith("| all"))
    assert f"| {2 * flagged} of 60 (" in total
