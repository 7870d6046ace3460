"""Fixtures shared by the corpus and integration tests."""

import pytest

from pagekit import tiny_model
from spamdetect.persist import save_model


@pytest.fixture(scope="session")
def tiny_model_file(tmp_path_factory):
    """The tiny test model saved once per session, for code that takes a model file (the CLI,
    Ray actors, datatrove tasks)."""
    return str(save_model(tiny_model(), tmp_path_factory.mktemp("model") / "tiny.npz"))
