"""`spamdetect train / evaluate / classify` on small hand-written data (no shared corpus)."""

import json
import subprocess
import sys

import pytest

from pagekit import ARTICLE, SPAM
from spamdetect.cli import main
from spamdetect.persist import load_model_file
from spamdetect.training import DataError, read_labeled


def write_rows(path, n_hosts=4):
    rows = [{"text": t, "label": "article", "host": f"h{i % n_hosts}", "page": f"h{i % n_hosts}/p",
             "para": i} for i, t in enumerate(ARTICLE)]
    rows += [{"text": t, "label": "spam", "host": f"h{i % n_hosts}", "page": f"h{i % n_hosts}/p",
              "para": 100 + i} for i, t in enumerate(SPAM)]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_train_then_evaluate_and_classify(tmp_path, capsys):
    data = write_rows(tmp_path / "train.jsonl")
    out = tmp_path / "m.npz"
    assert main(["train", str(data), "-o", str(out)]) == 0
    summary = json.loads(capsys.readouterr().out)
    model = load_model_file(out)
    assert summary["threshold"] == model.threshold_
    assert model.metadata_["training_rows"] == len(ARTICLE) + len(SPAM)
    assert len(model.metadata_["training_data_sha256"]) == 64

    assert main(["evaluate", str(data), "--model", str(out)]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["rows"] == len(ARTICLE) + len(SPAM)
    # evaluated on its own training rows, the model finds every spam row and flags no article
    assert result["paragraph"]["tp"] == len(SPAM) and result["paragraph"]["fp"] == 0

    assert main(["evaluate", str(data), "--cv", "2"]) == 0
    cv = json.loads(capsys.readouterr().out)
    assert cv["folds"] == 2 and cv["n_labeled"] == len(ARTICLE) + len(SPAM)

    assert main(["classify", "--model", str(out), "百家乐登录官网", "今天天气很好"]) == 0
    lines = [json.loads(l) for l in capsys.readouterr().out.splitlines()]
    assert [l["text"] for l in lines] == ["百家乐登录官网", "今天天气很好"]
    assert [l["label"] for l in lines] == ["spam", "article"]
    assert lines[0]["score"] >= model.threshold_ > lines[1]["score"]
    assert any(f == "w:百家乐" and w > 0 for f, w in lines[0]["evidence"])


@pytest.mark.parametrize("bad_line, message", [
    ("{not json", "not valid JSON"),
    ('{"text": "x", "label": "ham"}', "unknown label 'ham'"),
    ('{"label": "spam"}', "'text' missing"),
    ('{"text": 5, "label": "spam"}', "'text' missing or not a string"),
    ('["text", "spam"]', "expected a JSON object"),
])
def test_bad_row_names_file_and_line_and_writes_nothing(tmp_path, capsys, bad_line, message):
    data = write_rows(tmp_path / "train.jsonl")
    with open(data, "a", encoding="utf-8") as fh:
        fh.write("\n" + bad_line + "\n")
    n_lines = len(data.read_text(encoding="utf-8").splitlines())
    out = tmp_path / "m.npz"
    assert main(["train", str(data), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"train.jsonl:{n_lines}:" in err and message in err
    assert not out.exists()


def test_read_labeled_errors(tmp_path):
    with pytest.raises(DataError, match="cannot open"):
        read_labeled([tmp_path / "missing.jsonl"])
    gbk = tmp_path / "gbk.jsonl"
    gbk.write_bytes('{"text": "百家乐", "label": "spam"}\n'.encode("gbk"))
    with pytest.raises(DataError, match="not UTF-8"):
        read_labeled([gbk])
    ok = tmp_path / "ok.jsonl"
    ok.write_text('\n{"text": "a", "label": "spam", "unsure": true}\n\n', encoding="utf-8")
    (row,) = read_labeled([ok])
    assert row.unsure and row.label == "spam" and row.source == "labeled"


def test_corrupt_model_file_is_a_clear_error(tmp_path, capsys):
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"garbage")
    assert main(["classify", "--model", str(bad), "text"]) == 2
    assert "bad.npz" in capsys.readouterr().err


def test_classify_stdin_json_lines():
    text = "百家乐登录官网\n\n今天天气很好\n"
    proc = subprocess.run([sys.executable, "-m", "spamdetect", "classify", "-", "--evidence", "0"],
                          input=text, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    recs = [json.loads(l) for l in proc.stdout.splitlines()]
    assert [r["text"] for r in recs] == ["百家乐登录官网", "", "今天天气很好"]
    assert [r["label"] for r in recs] == ["spam", "article", "article"]
    assert recs[1] == {"label": "article", "score": 0.0, "text": ""}


def test_train_without_data_or_corpus_is_a_usage_error(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("spamdetect.training.find_corpus", lambda corpus=None: None)
    assert main(["train", "-o", str(tmp_path / "m.npz")]) == 2
    assert "no corpus found" in capsys.readouterr().err
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n", encoding="utf-8")
    assert main(["train", str(empty), "-o", str(tmp_path / "m.npz")]) == 2
    assert "no labeled rows" in capsys.readouterr().err
