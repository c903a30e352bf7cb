"""Run ``jupyter nbconvert --to webpdf`` with Debian's Chromium, as the benchmark's peer.

nbconvert's webpdf exporter has no option for the browser path and Playwright cannot
download its own browser here, so this wraps nbconvert's entry point and points
Playwright's launch at /usr/bin/chromium.
"""

import sys

from playwright.async_api import BrowserType

_launch = BrowserType.launch


async def _launch_debian(self, *args, **kwargs):
    kwargs["executable_path"] = "/usr/bin/chromium"
    kwargs["args"] = list(kwargs.get("args") or []) + ["--headless", "--no-sandbox", "--disable-gpu",
                                                        "--disable-background-networking", "--no-first-run",
                                                        "--disable-component-update", "--disable-sync"]
    return await _launch(self, *args, **kwargs)


BrowserType.launch = _launch_debian

if __name__ == "__main__":
    from nbconvert.nbconvertapp import main

    sys.exit(main())
