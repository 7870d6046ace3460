"""spamdetect as a datatrove pipeline step: spam paragraphs cut from each document (a formatter's
job) and spam pages dropped (a filter's job), in one step so each document is classified once::

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from spamdetect.integrations.datatrove import SpamCleaner

    LocalPipelineExecutor(pipeline=[
        JsonlReader("corpus/"),
        SpamCleaner(),                       # or SpamCleaner(model="my-model.npz")
        JsonlWriter("clean/"),
    ], tasks=8).run()

Each kept document gets ``metadata["verdict"]``, ``["spam_paragraphs"]`` and ``["spam_chars"]``;
its text is cleaned as :func:`spamdetect.clean_documents` cleans it. Dropped documents (spam pages,
and documents left with no text) go to the ``exclusion_writer`` when one is given, with
``metadata["filter_reason"]`` set. Needs ``pip install 'spamdetect[datatrove]'``.
"""

from __future__ import annotations

from datatrove.pipeline.filters.base_filter import BaseFilter

from ..corpus import BATCH_DOCS, SPAM_CHARS, SPAM_PARAGRAPHS, VERDICT, _load, clean_texts

__all__ = ["SpamCleaner"]


class SpamCleaner(BaseFilter):
    """Cut spam paragraphs from documents and drop spam pages (a datatrove ``BaseFilter``).

    ``model``: a model file or None for the shipped model; it is loaded on first use, in the
    worker that runs the task (a step object is pickled to each task, a model file path travels
    better than a model). ``drop_spam_pages``/``drop_empty`` choose what is filtered out.
    """

    name = "🧹 spamdetect"

    def __init__(self, model=None, *, threshold: float | None = None, drop_spam_pages: bool = True,
                 drop_empty: bool = True, batch_size: int = BATCH_DOCS, exclusion_writer=None):
        super().__init__(exclusion_writer=exclusion_writer, batch_size=batch_size)
        self.model, self.threshold = model, threshold
        self.drop_spam_pages, self.drop_empty = drop_spam_pages, drop_empty
        self._model = None

    def filter(self, doc) -> bool | tuple[bool, str]:
        return self.filter_batch([doc])[0]

    def filter_batch(self, batch) -> list[bool | tuple[bool, str]]:
        """Clean the batch with one model call; returns keep (True) or ``(False, reason)``."""
        if self._model is None:
            self._model = _load(self.model)
        results = []
        for doc, c in zip(batch, clean_texts([d.text for d in batch], model=self._model,
                                             threshold=self.threshold)):
            doc.metadata.update({VERDICT: c.verdict, SPAM_PARAGRAPHS: c.spam_paragraphs, SPAM_CHARS: c.spam_chars})
            if c.spam_paragraphs:
                self.stat_update("spam_paragraphs", value=c.spam_paragraphs)
                self.stat_update("spam_chars", value=c.spam_chars)
            self.stat_update(c.verdict)
            if self.drop_spam_pages and c.verdict == "spam_page":
                results.append((False, "spam_page"))
                continue
            text = c.text
            doc.text = text
            results.append((False, "empty") if self.drop_empty and not text.strip() else True)
        return results
