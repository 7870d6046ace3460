"""The Ray Data and datatrove integrations, each in a real (small, local) run of its framework;
skipped when the framework is not installed (``pip install -e '.[ray,datatrove]'``)."""

import gzip
import json

import pytest

from pagekit import ARTICLE, SPAM
from spamdetect import clean_documents

TEXTS = ["\n".join(ARTICLE[:6]), "\n".join(ARTICLE[:5] + [SPAM[0]]), "\n".join(SPAM[:6]),
         "\n".join(ARTICLE[6:12] + SPAM[7:9]), "", SPAM[1]]  # the last: infected, nothing left


@pytest.fixture
def model_file(tiny_model_file):
    return tiny_model_file


def corpus(n):
    return [{"id": i, "text": TEXTS[i % len(TEXTS)] + ("" if i % 7 else f"\n第{i}段补充说明。"), "n": i}
            for i in range(n)]


def write_jsonl(path, rows):
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in rows),
                    encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def local_ray():
    ray = pytest.importorskip("ray")
    pytest.importorskip("ray.data")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield ray
    ray.shutdown()


def test_ray_clean_dataset_equals_single_process(local_ray, tmp_path, model_file):
    from spamdetect.integrations.ray import clean_dataset

    rows = corpus(600) + [{"id": 600, "text": None, "n": 600}]  # a bad row travels with error set
    src = write_jsonl(tmp_path / "in.jsonl", rows)
    single = {r["id"]: r for r in clean_documents(rows, model=model_file, drop_spam_pages=True)}
    ds = local_ray.data.read_json(str(src), lines=True)
    got = {r["id"]: r for r in clean_dataset(ds, model=model_file, drop_spam_pages=True, batch_size=100).take_all()}
    assert sorted(got) == sorted(single) and len(got) < 600  # spam pages dropped in both
    for key, r in got.items():
        expected = {**single[key], "error": single[key].get("error")}
        if expected["error"]:
            expected.update(verdict=None, spam_paragraphs=None, spam_chars=None)
            assert expected["error"] == "field 'text' is not a string (NoneType)"
        assert r == expected
    assert {r["verdict"] for r in got.values()} == {"clean", "infected", None}


@pytest.mark.parametrize("out_name", ["out.parquet", "out_jsonl"])
def test_ray_files_with_bad_lines(local_ray, tmp_path, model_file, out_name):
    """``spamdetect clean --ray``'s path: JSON lines parsed by the cleaners, so a bad line is an
    error row, not a failed run; Parquet or JSON Lines folders out."""
    from spamdetect.integrations.ray import clean_files_ray

    rows = corpus(300)
    src = write_jsonl(tmp_path / "in.jsonl", rows[:150] + ["{broken", {"id": "x", "text": 3}] + rows[150:])
    out = tmp_path / out_name
    line = clean_files_ray([str(src)], str(out), model=model_file)
    assert "1 input files" in line
    if out_name.endswith(".parquet"):
        got = pytest.importorskip("pyarrow.parquet").read_table(out).to_pylist()
    else:
        got = [json.loads(x) for f in out.glob("*.json") for x in f.open(encoding="utf-8")]
    errors = sorted(r["error"].split(":")[0] for r in got if r["error"])
    assert errors == ["bad JSON", "field 'text' is not a string (int)"]
    got = sorted((r for r in got if not r["error"]), key=lambda r: r["id"])
    single = list(clean_documents(rows, model=model_file))
    assert [(r["id"], r["text"], r["verdict"], r["n"]) for r in got] == [
        (r["id"], r["text"], r["verdict"], r["n"]) for r in single]


def test_datatrove_pipeline_run(tmp_path, model_file):
    pytest.importorskip("datatrove")
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from spamdetect.integrations.datatrove import SpamCleaner

    rows = corpus(40)
    (tmp_path / "in").mkdir()
    write_jsonl(tmp_path / "in" / "part.jsonl", rows)
    LocalPipelineExecutor(pipeline=[
        JsonlReader(str(tmp_path / "in")),
        SpamCleaner(model_file, batch_size=16, exclusion_writer=JsonlWriter(str(tmp_path / "dropped"))),
        JsonlWriter(str(tmp_path / "out"), compression=None),
    ], tasks=1, workers=1, logging_dir=str(tmp_path / "logs")).run()
    out = [json.loads(line) for f in sorted((tmp_path / "out").glob("*.jsonl")) for line in f.open()]
    single = [r for r in clean_documents(rows, model=model_file, drop_spam_pages=True) if r["text"].strip()]
    # the same documents, texts and verdicts as clean_documents; other fields ride along
    assert [(r["n"], r["text"], r["verdict"]) for r in single] == [
        (r["metadata"]["n"], r["text"], r["metadata"]["verdict"]) for r in out]
    assert all(SPAM[0] not in r["text"] for r in out)
    dropped = [json.loads(line) for f in (tmp_path / "dropped").glob("*") for line in gzip.open(f, "rt")]
    assert {r["metadata"]["filter_reason"] for r in dropped} == {"spam_page", "empty"}
    read = [r for r in rows if r["text"]]  # datatrove's reader skips documents without text
    assert len(dropped) + len(out) == len(read)
