"""Training: labeled data, the shipped recipe, evaluation and the synthetic generator.

Kept out of the runtime package's import path: prediction (``classify``, ``scan_page``,
``load_model``) never imports this subpackage, which needs scikit-learn -- install it with
``pip install 'spamdetect[train]'``.

* :mod:`~spamdetect.training.data`: ``Row``, ``read_labeled``, ``find_corpus``, ``data_hash``;
* :mod:`~spamdetect.training.recipe`: ``default_training_set``, ``fit_default``;
* :mod:`~spamdetect.training.evaluate`: ``score_rows_in_pages``, ``cross_validate``;
* :mod:`~spamdetect.training.synthetic`: the generator (``python -m spamdetect.training.synthetic``).
"""

from .data import LABELS, DataError, Row, data_hash, find_corpus, read_labeled
from .evaluate import binary_metrics, cross_validate, score_rows_in_pages
from .recipe import AUX_WEIGHT, default_training_set, fit_default

__all__ = ["LABELS", "DataError", "Row", "read_labeled", "find_corpus", "data_hash",
           "default_training_set", "fit_default", "AUX_WEIGHT", "score_rows_in_pages",
           "cross_validate", "binary_metrics"]
