"""Starts a child of the local stack so that it dies with the stack, however the stack ends.

``python -m cpg2pvg.ops.local.child <stack pid> <program> <args...>`` asks Linux to send
SIGTERM when the stack's process goes (``PR_SET_PDEATHSIG``, kept across ``exec``), then
becomes the program. A stack killed with SIGKILL runs no clean-up of its own; without this
its worker and API would live on as orphans, holding their ports. Elsewhere the child is
started without it.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    if os.getppid() != parent:  # the stack went before the request was made
        sys.exit(1)


def main() -> None:
    parent, program, *args = sys.argv[1:]
    die_with_parent(int(parent))
    os.execv(program, [program, *args])  # noqa: S606 - the stack's own interpreter


if __name__ == "__main__":
    main()
