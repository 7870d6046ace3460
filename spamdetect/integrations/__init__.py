"""Bridges to the tools corpus builders already run: Ray Data (:mod:`.ray`) and datatrove
(:mod:`.datatrove`). Each needs its optional extra (``pip install 'spamdetect[ray]'`` or
``'spamdetect[datatrove]'``) and is imported only when used, so the core stays light."""
