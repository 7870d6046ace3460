"""spamdetect: find injected gambling, porn and SEO spam in Chinese web pages.

>>> from spamdetect import classify
>>> classify("12月28日,……,百家乐登录官网。").label   # doctest: +SKIP
'spam'
"""

__version__ = "0.1.0"

from .api import Classification, classify, classify_many, load_model  # noqa: E402
from .model import SpamClassifier  # noqa: E402

__all__ = ["Classification", "SpamClassifier", "classify", "classify_many", "load_model",
           "scan_page", "scan_folder", "__version__"]


def __getattr__(name):
    # Page scanning pulls in the HTML parser and encoding detection; import it only when used.
    if name == "scan_page":
        from .pages import scan_page
        return scan_page
    if name == "scan_folder":
        from .scan import scan_folder
        return scan_folder
    raise AttributeError(f"module 'spamdetect' has no attribute {name!r}")
