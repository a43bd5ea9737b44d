"""A parent completes the induction in a real browser: Debian's Chromium, headless, on a
phone-sized screen, in Polish, answering wrongly on the way, with axe-core checking every page
against WCAG 2.2 A and AA. Driven by EndToEndTests/WebBrowserTests.swift, which starts
`induction serve` and checks the ledger afterwards.

Usage: complete_induction.py BASE_URL LINK
BASE_URL's start page (which asks for a personal link) is checked too; LINK starts the induction.
Prints one JSON line: {"reference": ..., "pages": N, "violations": [...], "keyboard": bool}.
"""

import json
import re
import sys

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def main(base, link):
    axe = Axe()
    violations = []
    pages = 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True)
        context = browser.new_context(viewport={"width": 360, "height": 740}, locale="pl-PL")
        page = context.new_page()

        def check():
            nonlocal pages
            pages += 1
            result = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
            for violation in result.response["violations"]:
                violations.append(
                    {"page": page.locator("h1").first.inner_text(), "id": violation["id"],
                     "nodes": [node["html"][:120] for node in violation["nodes"]]})
            # Nothing may scroll sideways on a 360-pixel-wide phone.
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 360:
                violations.append({"page": page.locator("h1").first.inner_text(),
                                   "id": "horizontal-scroll", "nodes": [str(width)]})

        def submit(label=None):
            if label is not None:
                page.get_by_label(label, exact=True).check()
            with page.expect_navigation():
                page.locator("form[novalidate] button[type=submit]").click()
            check()

        # Without a link, the site says to open one, and offers no form.
        page.goto(base + "/")
        check()
        assert page.locator("form").count() == 0, page.content()[:400]
        page.goto(link)
        check()
        assert page.url == base + "/induction", page.url
        assert page.locator("html").get_attribute("lang") == "en"
        # Polski, chosen with the keyboard alone: Tab to the button, then Enter.
        keyboard = False
        for _ in range(10):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement && document.activeElement.innerText") == "Polski":
                with page.expect_navigation():
                    page.keyboard.press("Enter")
                keyboard = True
                break
        if not keyboard:
            with page.expect_navigation():
                page.get_by_role("button", name="Polski").click()
        check()
        assert page.locator("html").get_attribute("lang") == "pl", page.content()[:400]

        tried = {}
        wrong_once = False
        for _ in range(400):
            heading = page.locator("h1").first.inner_text()
            if page.locator(".panel__title").count():
                break
            radios = page.locator("input[type=radio]")
            text_input = page.locator("input[type=text]")
            if heading.startswith("Pytanie"):
                title = re.sub(r"^Pytanie \d+ z \d+(, ponownie)?: ", "", heading)
                labels = [page.locator("label[for='%s']" % radios.nth(i).get_attribute("id")).inner_text()
                          for i in range(radios.count())]
                done = tried.setdefault(title, [])
                # The first question is answered wrongly on purpose (it must come back).
                choice = next(label for label in labels if label not in done)
                done.append(choice)
                submit(choice)
                if "Nie do końca" in page.locator("h1").first.inner_text():
                    wrong_once = True
                submit()
            elif text_input.count():
                label = page.locator("label[for=answer]").inner_text()
                text_input.fill("Jan Nowak" if "Dziecko" in label else "Zofia Nowak")
                submit()
            elif radios.count():
                legend = page.locator("legend").first.inner_text()
                if "kolejne dziecko" in legend:
                    submit("Nie")
                elif "poprawne" in legend or "podpisać" in legend:
                    submit("Tak")
                else:
                    radios.first.check()
                    submit()
            else:
                submit()
        reference = page.locator(".reference").inner_text()
        browser.close()
    print(json.dumps({"reference": reference, "pages": pages, "violations": violations,
                      "keyboard": keyboard, "wrong_once": wrong_once}))


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/"), sys.argv[2])
