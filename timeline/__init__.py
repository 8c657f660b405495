"""timeline: dated policy events and deadlines from a plain YAML file.

The library API is in `timeline.api` (load and check a file) and
`timeline.views` (next, suspended, list); the command line in
`timeline.cli`.  This package module stays empty so that importing it is
cheap.
"""

__version__ = "0.1.0"
