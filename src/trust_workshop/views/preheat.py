"""Voilà's preheated kernels: the page is built early, what it says about people when they arrive.

With ``voila --preheat_kernel=True`` Voilà starts kernels before anyone asks and runs each
notebook in one, so the page is ready when a participant arrives, possibly many minutes
later. Everything this package reads about people and the course (the profiles on this
computer, the one used last for "Continue as …", the "this computer is shared" setting,
the course region, a journal named by ``TRUST_WORKSHOP_PROFILE``, today's date) would then
be read at warm-up time, not when the person arrives: a stale suggestion could offer the
wrong person's name, and a journal read early could show answers that are out of date.

So in a preheated kernel the notebook runs at warm-up with nobody's state: no journal opens,
the profile panel shows only "Getting your page ready…" (no names), and every exercise waits
with the same words. A thread waits for Voilà to hand the kernel to a real page request
(``voila.utils.wait_for_request``); then, on the kernel's own event loop, the session reads
what is true now and every panel on the page redraws from it. The page and its widgets are
there at once; what they say about people is read after the person arrived. Outside a
preheated Voilà kernel (JupyterLab, Voilà without preheating, the tests, the command line)
nothing waits.
"""

from __future__ import annotations

import os
import sys
import threading
import warnings
from collections.abc import Callable

PREHEAT_VARIABLE = "VOILA_PREHEAT"  # "True" only in the kernels of Voilà's preheated pools
KERNEL_VARIABLE = "VOILA_KERNEL_ID"  # set by Voilà in every kernel it runs a notebook in
REQUEST_VARIABLE = "SERVER_SOFTWARE"  # one of the request's details Voilà passes on ("voila/0.5.13")


def preheated() -> bool:
    """True in a kernel Voilà started ahead of a request, until that request has arrived."""
    return (os.environ.get(PREHEAT_VARIABLE) == "True" and bool(os.environ.get(KERNEL_VARIABLE))
            and "ipykernel" in sys.modules)


_waiting = False  # True from warm-up until the participant's request has been handled


def waiting() -> bool:
    """True in a preheated kernel until its participant has arrived and the page has been told."""
    return _waiting


def _kernel_loop() -> Callable[[Callable[[], None]], None] | None:
    """The running kernel's way to run a function on its own thread (thread-safe), if in a kernel."""
    try:
        from ipykernel.kernelbase import Kernel
    except ImportError:
        return None
    if not Kernel.initialized():
        return None
    loop = getattr(Kernel.instance(), "io_loop", None)
    return loop.add_callback if loop is not None else None


def when_participant_arrives(arrived: Callable[[], None], wait: Callable[[], None] | None = None,
                             schedule: Callable[[Callable[[], None]], None] | None = None) -> bool:
    """In a preheated Voilà kernel, call ``arrived`` once a participant's page request takes it.

    Returns at once: True if it is waiting (``waiting()`` is then True until ``arrived`` has
    run), False if this is not a preheated kernel, and nothing will be called. The wait happens
    on a thread; ``arrived`` runs on the kernel's own thread, through ``schedule`` (the
    kernel's event loop; the waiting thread itself outside a kernel). ``wait`` stands in for
    Voilà's ``wait_for_request`` (tests). After the wait, ``VOILA_PREHEAT`` is "False", so a
    process this kernel starts never waits again.
    """
    global _waiting
    if not preheated() or _waiting:
        return False
    if wait is None:
        try:
            from voila.utils import wait_for_request as wait
        except ImportError:
            warnings.warn("This kernel was preheated by Voilà, but Voilà cannot be imported here, so the "
                          "workshop cannot wait for the participant's request.", stacklevel=2)
            return False
    if schedule is None:
        schedule = _kernel_loop() or (lambda call: call())

    def done() -> None:
        global _waiting
        _waiting = False
        arrived()

    def run() -> None:
        try:
            wait()
        except Exception as err:  # noqa: BLE001 (whatever went wrong, the page must not stay waiting)
            print(f"Rebuilding Trust: waiting for the participant failed ({err!r}); the page goes on.",
                  file=sys.stderr)
        finally:
            os.environ[PREHEAT_VARIABLE] = "False"
        if not os.environ.get(REQUEST_VARIABLE, "").startswith("voila"):
            # Voilà could not be reached (it listens on another address: set VOILA_APP_IP). The page
            # still works; the profile panel checks its suggestion again when it is pressed.
            print("Rebuilding Trust: this preheated kernel could not reach Voilà to wait for the participant; "
                  "set VOILA_APP_IP and VOILA_APP_PORT for the kernels (see the README).", file=sys.stderr)
        schedule(done)

    _waiting = True
    threading.Thread(target=run, name="trust-workshop-wait-for-participant", daemon=True).start()
    return True
