"""Re-take docs/flower-args-search.png: Flower's Tasks page searched for one article's id.

Not part of the package or the suite. Needs Debian's chromium and chromium-driver and
`pip install selenium`, a running Flower without basic auth on loopback, and an article id:

    python docs/flower_search_screenshot.py 5555 <article id> docs/flower-args-search.png
"""

from __future__ import annotations

import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

# Flags for a headless Chromium on a machine without a network or a GPU.
CHROMIUM_FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--window-size=1400,700")
# Seconds for Flower's page, then its filtered table, to load (it fills the table by AJAX).
SETTLE_S = 3


def main(port: str, article_id: str, out: str) -> None:
    """Open the Tasks page, search ``args:<id>``, save the screenshot."""
    options = webdriver.ChromeOptions()
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        driver.get(f"http://127.0.0.1:{port}/tasks")
        time.sleep(SETTLE_S)
        search = driver.find_element(By.CSS_SELECTOR, "input[type=search]")
        search.send_keys(f"args:{article_id}", Keys.ENTER)
        time.sleep(SETTLE_S)
        driver.save_screenshot(out)
    finally:
        driver.quit()


if __name__ == "__main__":
    main(*sys.argv[1:4])
