"""`python -m jobmarket.evaluation`: the search relevance evaluation (see `jobmarket.search.evaluation`)."""

from __future__ import annotations

import sys

from jobmarket.search.evaluation import main

if __name__ == "__main__":
    sys.exit(main())
