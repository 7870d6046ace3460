"""The shared test kit keeps tests independent of each other's order."""

import numpy as np

from pagekit import SPAM, tiny_model


def test_tiny_model_is_private_to_each_caller():
    """Tests set ``page_context_`` and thresholds on their model; another test's model must not
    see it (one shared, mutable instance made results depend on test order)."""
    a, b = tiny_model(), tiny_model()
    before = b.predict_proba(SPAM)[:, 1]
    a.threshold_ = 0.0
    a.page_context_ = "changed"
    a.predictor_.coef[:] = 0.0
    c = tiny_model()
    for m in (b, c):
        assert m.threshold_ != 0.0 and m.page_context_ is None
        assert np.array_equal(m.predict_proba(SPAM)[:, 1], before)
