"""The test suite's network guard: only loopback and local (Unix) sockets may connect.

Installed in the pytest process by ``tests/conftest.py`` and, through ``sitecustomize.py``
on ``PYTHONPATH``, in every Python process the tests start (kernels, JupyterLab, Voilà,
nbconvert, the ``trust-workshop`` command). A blocked attempt raises ``ConnectionRefusedError``
and is written to ``$TW_NETGUARD_LOG``, so the suite fails even if the caller swallowed it.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import traceback

LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", ""}
_installed = False


def _is_local(host) -> bool:
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    host = str(host).split("%", 1)[0].strip("[]").lower()
    if host in LOCAL_NAMES:
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def _blocked(what: str, target) -> ConnectionRefusedError:
    log = os.environ.get("TW_NETGUARD_LOG")
    if log:
        stack = "".join(traceback.format_stack(limit=12)[:-2])
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(f"pid {os.getpid()} {what} {target!r}\n{stack}\n")
    return ConnectionRefusedError(f"network blocked by the test guard: {what} {target!r}")


def install() -> None:
    global _installed
    if _installed:
        return
    _installed = True
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex
    real_sendto, real_getaddrinfo = socket.socket.sendto, socket.getaddrinfo

    def _check(sock, address, what):
        if sock.family in (socket.AF_INET, socket.AF_INET6) and not _is_local(address[0]):
            raise _blocked(what, address)

    def connect(self, address):
        _check(self, address, "connect")
        return real_connect(self, address)

    def connect_ex(self, address):
        _check(self, address, "connect")
        return real_connect_ex(self, address)

    def sendto(self, data, *args):
        address = args[-1]
        _check(self, address, "sendto")
        return real_sendto(self, data, *args)

    def getaddrinfo(host, *args, **kwargs):
        if not _is_local(host):
            raise _blocked("getaddrinfo", host)
        return real_getaddrinfo(host, *args, **kwargs)

    socket.socket.connect = connect
    socket.socket.connect_ex = connect_ex
    socket.socket.sendto = sendto
    socket.getaddrinfo = getaddrinfo
