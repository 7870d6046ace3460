"""Batch scanning of folders of pages (placeholder: being written; see issue 3)."""


def register_cli(subparsers):
    """Add the ``scan`` subcommand to the ``spamdetect`` command line."""
    p = subparsers.add_parser("scan", help="scan folders of saved pages (not implemented yet)")
    p.set_defaults(func=lambda args: (_ for _ in ()).throw(SystemExit("scan: not implemented yet")))
