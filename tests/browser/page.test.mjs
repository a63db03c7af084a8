// page.test.mjs - browser test of the page `nutgraf serve` serves at /:
// Debian's chromium, headless, driven by playwright-core.  It pastes the
// example story, presses the button, and checks the highlights, the
// article with the chosen sentences marked, and that the page asks nothing
// of any other host; then saves screenshots (desktop and phone widths).
// The server has an archive (serve --db) holding a story "clinton" about
// human rights in China and one "kidney": the analysed story lists
// "clinton" among its related stories, and the search box finds "kidney";
// both link to the stored view.
// Run by tests/cli/serve.sh with NG_URL (the server), NG_STORY (the story
// file) and NG_SHOTS (the folder for the screenshots).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { chromium } from "playwright-core";

const url = process.env.NG_URL;
const storyFile = process.env.NG_STORY;
const shots = process.env.NG_SHOTS || ".";
const flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"];

async function withPage(viewport, fn) {
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: flags });
  try {
    const page = await browser.newPage({ viewport });
    const elsewhere = [];
    page.on("request", (r) => { if (!r.url().startsWith(url)) elsewhere.push(r.url()); });
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await fn(page);
    assert.deepEqual(elsewhere, [], "the page must not load anything from elsewhere");
    assert.deepEqual(errors, [], "no script errors");
  } finally {
    await browser.close();
  }
}

// Pastes the story: one insertText, as a paste arrives.
async function paste(page, text) {
  await page.locator("#article-input").focus();
  await page.keyboard.insertText(text);
}

test("the example story gets three highlights, marked in the article", async () => {
  assert.ok(url, "NG_URL is set");
  const story = await readFile(storyFile, "utf8");
  await withPage({ width: 1280, height: 900 }, async (page) => {
    await page.goto(url + "/");
    assert.equal(await page.title(), "nutgraf - story highlights");
    await paste(page, story);
    await page.getByRole("button", { name: "Summarize" }).click();
    await page.locator("#highlights li").first().waitFor();
    assert.equal(await page.locator("#highlights li").count(), 3);
    assert.equal(await page.locator("#article mark").count(), 3);
    const article = await page.locator("#article").innerText();
    assert.match(article, /U\.S\. challenges China's 'serious backsliding' on human rights/);
    // Michael Posner's quotes, with him as the speaker; the entities and tags.
    assert.match(article, /It was a tough set of discussions/);
    const quotes = await page.locator("#quotes").innerText();
    assert.match(quotes, /It was a tough set of discussions/);
    assert.match(quotes, /Our disagreements are profound/);
    assert.match(quotes, /Michael Posner/);
    assert.match(await page.locator("#entities").innerText(), /Michael Posner \(PERSON\)/);
    assert.match(await page.locator("#entities").innerText(), /China \(LOC\)/);
    assert.match(await page.locator("#tags").innerText(), /human rights/);
    // its related stories in the archive, linked to their stored view
    await page.locator("#related-list li").first().waitFor();
    const first = page.locator("#related-list li a").first();
    assert.equal(await first.getAttribute("href"), "/v1/stories/clinton");
    assert.match(await first.innerText(), /Human rights will not top agenda/);
    await page.screenshot({ path: path.join(shots, "serve-page.png"), fullPage: true });
  });
});

test("keyboard only: Ctrl+Enter with five highlights, and errors are shown", async () => {
  const story = await readFile(storyFile, "utf8");
  await withPage({ width: 390, height: 844 }, async (page) => {
    await page.goto(url + "/");
    await page.keyboard.press("Tab"); // the first stop is the text box
    assert.equal(await page.evaluate(() => document.activeElement.id), "article-input");
    await page.keyboard.press("Control+Enter");
    assert.match(await page.locator("#status").innerText(), /Paste a story first/);
    await paste(page, story);
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.id), "k");
    await page.keyboard.press("Control+a");
    await page.keyboard.type("5");
    await page.locator("#article-input").focus();
    await page.keyboard.press("Control+Enter");
    await page.locator("#highlights li").nth(4).waitFor();
    assert.equal(await page.locator("#highlights li").count(), 5);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `no sideways scrolling on a phone (${width}px)`);
    await page.screenshot({ path: path.join(shots, "serve-page-phone.png"), fullPage: true });
  });
});

test("the search box finds a stored story and links to its stored view", async () => {
  await withPage({ width: 1280, height: 900 }, async (page) => {
    await page.goto(url + "/");
    await page.locator("#search").waitFor(); // shown once /v1/version says there is an archive
    await page.locator("#search-input").fill("kidney transplants");
    await page.getByRole("button", { name: "Search" }).click();
    await page.locator("#search-results li").first().waitFor();
    assert.match(await page.locator("#search-status").innerText(), /1 story found/);
    const link = page.locator("#search-results li a").first();
    assert.equal(await link.innerText(), "Six patients get kidneys");
    assert.match(await page.locator("#search-results .snippet").first().innerText(), /\[kidneys\]/);
    await link.click();
    await page.waitForURL(url + "/v1/stories/kidney");
    assert.match(await page.locator("body").innerText(), /Zully Broussard/);
    // a query the archive cannot answer is shown as an error, not thrown
    await page.goBack();
    await page.locator("#search-input").fill("date:2015-13");
    await page.getByRole("button", { name: "Search" }).click();
    await page.locator("#search-status.error").waitFor();
    assert.match(await page.locator("#search-status").innerText(), /Could not search: bad date range/);
  });
});
