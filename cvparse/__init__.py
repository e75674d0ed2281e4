"""cvparse: CV parsing and ROME skills-profile prefill.

The pipeline is pure: bytes in, a draft profile out. I/O lives at the edges (CLI, API, workers)
so the same code runs everywhere and can be tested without services.
"""

__version__ = "0.1.0"
PIPELINE_VERSION = __version__
