"""The network guard really blocks, in this process and in the processes the tests start."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest


def test_outbound_connections_are_refused_and_logged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log = tmp_path / "blocked.log"
    monkeypatch.setenv("TW_NETGUARD_LOG", str(log))
    with pytest.raises(ConnectionRefusedError, match="blocked by the test guard"):
        socket.create_connection(("192.0.2.1", 80), timeout=1)
    with pytest.raises(ConnectionRefusedError):
        socket.getaddrinfo("pypi.org", 443)
    assert "192.0.2.1" in log.read_text() and "pypi.org" in log.read_text()


def test_a_child_python_is_guarded_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log = tmp_path / "child.log"
    monkeypatch.setenv("TW_NETGUARD_LOG", str(log))
    code = ("import socket\ntry:\n    socket.create_connection(('192.0.2.1', 80), timeout=1)\n"
            "except OSError as e:\n    print(e)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "blocked by the test guard" in out.stdout and "192.0.2.1" in log.read_text()


def test_loopback_still_works() -> None:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    threading.Thread(target=lambda: server.accept()[0].sendall(b"hi"), daemon=True).start()
    with socket.create_connection(server.getsockname(), timeout=5) as client:
        assert client.recv(2) == b"hi"
    server.close()
