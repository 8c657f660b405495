"""The standard `datetime` module, as the query path imports it.

On Python 3.11, `import datetime` first runs the module's 2,600-line
pure-Python implementation and then replaces its classes with the C ones of
`_datetime` (1 to 5 ms of the fast path's start-up on this project's VM,
bench/startup.py); 3.12 and later import `_datetime` first.  The classes are
the same objects either way (`_datetime.date is datetime.date`), so values
made through either are interchangeable.  Modules the fast path imports say
`from timeline.datetimes import datetime` and use `datetime.date` as usual.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing's own, without importing typing (and re) at run time: mypy reads it the same
if TYPE_CHECKING:
    import datetime
else:
    try:
        import _datetime as datetime  # CPython's C implementation
    except ImportError:  # another Python
        import datetime

__all__ = ["datetime"]
