"""Drives nomen's web page in headless Chromium (Debian's chromium, through
Playwright) against a running `nomen serve`, as an editor would use it:

1. paste the bundled sample article, annotate and check it, and compare the
   highlighted mentions with what the API itself returns; the same for the
   findings of the sample with spelling problems (vi-mixed-forms.txt);
2. apply a one-click fix to a deprecated name and see the finding go;
3. open an entity in the glossary editor, add a name, save, and see the next
   annotation link that name; then revert the change from the history and
   see it gone again.

    python3 page_test.py BASE_URL TOKEN SAMPLE_FILE [SCREENSHOT_DIR]

Prints what it checked and exits 0, or prints the failed check and exits 1.
"""
import json
import os
import sys
import urllib.request

from playwright.sync_api import sync_playwright, expect

base, token, sample_path = sys.argv[1], sys.argv[2], sys.argv[3]
shots = sys.argv[4] if len(sys.argv) > 4 else None
sample = open(sample_path, encoding="utf-8").read()


def post(path, body):
    request = urllib.request.Request(base + path, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def check(condition, message):
    if not condition:
        print("FAILED:", message)
        sys.exit(1)
    print("ok:", message)


with sync_playwright() as playwright:
    browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base + "/")
    expect(page.locator("#revision")).to_contain_text("revision ")

    # 1. The sample article, annotated: the page shows what the API says.
    page.fill("#text", sample)
    page.click("#run")
    expect(page.locator("#mention-count")).not_to_have_text("")
    expected = post("/v1/annotate", {"text": sample})["mentions"]
    marks = page.locator("#annotated mark")
    check(marks.count() == len(expected) > 5, f"{len(expected)} mentions highlighted")
    shown = [(marks.nth(i).inner_text(), marks.nth(i).get_attribute("data-entity")) for i in range(marks.count())]
    check(shown == [(m["text"], m["entity"]) for m in expected], "each highlight is the API's mention, with its entity")
    person = page.locator('#annotated mark[data-entity="vn.person.luong-cuong"]').first
    check("type-person" in person.get_attribute("class"), "a person is coloured as a person")
    check("Lương Cường" in person.get_attribute("title") or "Luong Cuong" in person.get_attribute("title"),
          "hovering a mention shows its canonical name")
    if shots:
        page.screenshot(path=f"{shots}/page-article.png", full_page=True)

    # A Vietnamese article with spelling problems: the findings listed are the API's.
    mixed = open(os.path.join(os.path.dirname(sample_path), "vi-mixed-forms.txt"), encoding="utf-8").read()
    page.fill("#text", mixed)
    page.click("#run")
    findings = post("/v1/check", {"text": mixed})["findings"]
    expect(page.locator("#findings li")).to_have_count(len(findings))
    check(len(findings) > 2, f"{len(findings)} findings listed beside the text")
    if shots:
        page.screenshot(path=f"{shots}/page-check.png", full_page=True)

    # 2. A deprecated name, fixed with one click.
    page.fill("#text", "Tourists flock to Saigon every December.")
    page.click("#run")
    finding = page.locator('#findings li[data-rule="deprecated-name"]')
    expect(finding).to_have_count(1)
    finding.locator("button.fix").click()
    expect(page.locator("#text")).to_have_value("Tourists flock to Ho Chi Minh City every December.")
    expect(page.locator('#findings li[data-rule="deprecated-name"]')).to_have_count(0)
    check(True, "a one-click fix rewrites the text and its finding goes")

    # 3. The glossary editor: a new name takes effect in the next annotation.
    page.fill("#token", token)
    page.dispatch_event("#token", "change")
    page.click('.tab[data-tab="glossary"]')
    page.fill("#query", "Hai Phong")
    page.click('#search-form button[type="submit"]')
    page.locator('#results li[data-entity="vn.place.hai-phong"]').click()
    expect(page.locator("#entity-id")).to_have_text("vn.place.hai-phong")
    page.click("#add-name")
    row = page.locator("#names tr").last
    row.locator("input.name-text").fill("Port Hyphong")
    row.locator("input.name-lang").fill("en")
    page.click("#save")
    expect(page.locator("#glossary-status")).to_have_text("Saved.")
    if shots:
        page.screenshot(path=f"{shots}/page-glossary.png", full_page=True)
    page.click('.tab[data-tab="article"]')
    page.fill("#text", "Ships left Port Hyphong at dawn.")
    page.click("#run")
    added = page.locator('#annotated mark[data-entity="vn.place.hai-phong"]')
    expect(added).to_have_count(1)
    check(added.inner_text() == "Port Hyphong", "a name added in the editor is found in the next annotation")

    # ...and reverting the change from the history takes it away again.
    page.click('.tab[data-tab="glossary"]')
    page.locator("#history li button.revert").first.click()
    expect(page.locator("#glossary-status")).to_contain_text("reverted")
    check(page.locator("#names input.name-text").evaluate_all("els => els.map(e => e.value)").count("Port Hyphong") == 0,
          "the reverted name is gone from the editor")
    page.click('.tab[data-tab="article"]')
    page.click("#run")
    expect(page.locator('#annotated mark[data-entity="vn.place.hai-phong"]')).to_have_count(0)
    check(True, "after the revert the name is no longer found")
    browser.close()
