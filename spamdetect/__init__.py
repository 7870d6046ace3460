"""spamdetect: find injected gambling, porn and SEO spam in Chinese web pages.

>>> from spamdetect import classify
>>> classify("12月28日,……,百家乐登录官网。").label   # doctest: +SKIP
'spam'
"""

from ._version import __version__  # noqa: F401  (its own module: persist needs it without a cycle)

from .api import Classification, classify, classify_many, clean_text, load_model  # noqa: E402

__all__ = ["Classification", "SpamClassifier", "classify", "classify_many", "clean_text", "load_model",
           "scan_page", "scan_folder", "clean_documents", "__version__"]


def __getattr__(name):
    # Imported on first use: scikit-learn (for the estimator) and the HTML parser (for pages)
    # take longer to import than classifying a paragraph takes.
    if name == "SpamClassifier":
        from .model import SpamClassifier
        return SpamClassifier
    if name == "scan_page":
        from .pages import scan_page
        return scan_page
    if name == "scan_folder":
        from .scan import scan_folder
        return scan_folder
    if name == "clean_documents":
        from .corpus import clean_documents
        return clean_documents
    raise AttributeError(f"module 'spamdetect' has no attribute {name!r}")
