"""Running work on untrusted input in a child process with a memory ceiling.

Parsers of uploaded files (a spreadsheet reader written in Rust, an XML library) can be driven by a
small hostile file to allocate far more memory than the machine has; inside the web server that
kills every request in flight. `run_bounded` runs such work in a forked child whose address space is
capped: if the input is hostile, the child dies or raises MemoryError and the caller gets
`ResourceExhausted`, with the server untouched. The child must not use the database (it inherits the
parent's connections) and returns its result by pickle.
"""

from __future__ import annotations

import faulthandler
import multiprocessing
import os
import resource
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

from django.utils.translation import gettext as _

from .errors import ActionRefused

T = TypeVar("T")


class ResourceExhausted(ActionRefused):
    """The work needed more memory or time than it may have."""


def _address_space() -> int:
    """This process's virtual size in bytes (the child starts from it)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0


def _child(connection: Any, func: Callable[..., Any], args: tuple, kwargs: dict, memory_bytes: int) -> None:
    # An abort in native code prints a long backtrace: the parent reports the failure, not the server log.
    faulthandler.disable()
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    try:
        if memory_bytes:
            limit = _address_space() + memory_bytes
            _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
            if hard != resource.RLIM_INFINITY:  # never above a ceiling the server already runs under
                limit = min(limit, hard)
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        result: tuple[str, Any] = ("ok", func(*args, **kwargs))
    except MemoryError:
        result = ("memory", None)
    except ActionRefused as refusal:
        result = ("refused", refusal)
    except BaseException:  # a bug: the caller reports it, the child must not die silently
        result = ("error", traceback.format_exc(limit=20))
    try:
        connection.send(result)
    except Exception:
        connection.send(("error", "result could not be sent back"))
    finally:
        connection.close()


def run_bounded(func: Callable[..., T], *args: Any, memory_bytes: int, timeout: float = 600, **kwargs: Any) -> T:
    """`func(*args, **kwargs)` in a child process allowed `memory_bytes` more than the parent uses.

    Returns its result; re-raises an ActionRefused it raised; raises ResourceExhausted when it ran out of
    memory or time, and RuntimeError (with the child's traceback) for any other failure."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, func, args, kwargs, memory_bytes), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise ResourceExhausted(_("处理时间超过 %(n)s 秒，已停止：文件过大或结构异常。") % {"n": int(timeout)})
        status, value = receiver.recv()
    except EOFError:  # the child died before answering (killed by the kernel, or an abort in native code)
        status, value = "memory", None
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join(5)
    if status == "ok":
        return value  # type: ignore[no-any-return]
    if status == "refused":
        raise value
    if status == "memory":
        raise ResourceExhausted(_("处理该文件所需的内存超过上限，已停止：文件过大或结构异常。"))
    raise RuntimeError(f"bounded work failed in the child process:\n{value}")
