"""Voilà's preheated kernels: wait for the participant before reading anything about them.

With ``voila --preheat_kernel=True`` Voilà starts kernels before anyone asks and runs each
notebook in one, so the page is ready when a participant arrives, possibly many minutes
later. Everything this package reads about people and the course (the profiles on this
computer, the one used last for "Continue as …", the "this computer is shared" setting,
the course region, a journal named by ``TRUST_WORKSHOP_PROFILE``, today's date) would then
be read at warm-up time, not when the person arrives: a stale suggestion could offer the
wrong person's name, and a journal read early could show answers that are out of date.

So in a preheated kernel the package waits at import, after its modules are loaded (the slow
part) and before any notebook code reads state, until Voilà hands the kernel to a real page
request (``voila.utils.wait_for_request``). Everything after the import runs when the
participant arrives. Outside a preheated Voilà kernel (JupyterLab, Voilà without preheating,
the tests, the command line) nothing waits.
"""

from __future__ import annotations

import os
import sys
import warnings

PREHEAT_VARIABLE = "VOILA_PREHEAT"  # "True" only in the kernels of Voilà's preheated pools
KERNEL_VARIABLE = "VOILA_KERNEL_ID"  # set by Voilà in every kernel it runs a notebook in
REQUEST_VARIABLE = "SERVER_SOFTWARE"  # one of the request's details Voilà passes on ("voila/0.5.13")


def preheated() -> bool:
    """True in a kernel Voilà started ahead of a request, until that request has arrived."""
    return (os.environ.get(PREHEAT_VARIABLE) == "True" and bool(os.environ.get(KERNEL_VARIABLE))
            and "ipykernel" in sys.modules)


def wait_for_participant(wait=None) -> bool:
    """In a preheated Voilà kernel, wait until a participant's page request takes this kernel.

    Returns True if it waited and the request arrived. ``wait`` stands in for Voilà's
    ``wait_for_request`` (tests). After the wait, ``VOILA_PREHEAT`` is set to "False", so a
    second call, or a process this kernel starts, never waits again.
    """
    if not preheated():
        return False
    if wait is None:
        try:
            from voila.utils import wait_for_request as wait
        except ImportError:
            warnings.warn("This kernel was preheated by Voilà, but Voilà cannot be imported here, so the "
                          "workshop cannot wait for the participant's request.", stacklevel=2)
            return False
    try:
        wait()
    finally:
        os.environ[PREHEAT_VARIABLE] = "False"
    arrived = os.environ.get(REQUEST_VARIABLE, "").startswith("voila")
    if not arrived:
        # Voilà could not be reached (it listens on another address: set VOILA_APP_IP). The page
        # still works; the profile panel checks its suggestion again when it is pressed.
        print("Rebuilding Trust: this preheated kernel could not reach Voilà to wait for the participant; "
              "set VOILA_APP_IP and VOILA_APP_PORT for the kernels (see the README).", file=sys.stderr)
    return arrived
