/// <reference lib="dom" />
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Browser, Page } from "playwright-core";
import { CHROMIUM, launchChromium } from "../support/browser";
import { describeWith } from "../support/tools";

const html = readFileSync(resolve(__dirname, "../../src/ui/matching.html"), "utf8");

/**
 * A stub of google.script.run with the server's behaviour: proposals in memory, each call answered
 * asynchronously like the real bridge, every call recorded for the test.
 */
const STUB = `
window.__calls = [];
// The next __failures calls fail as google.script.run does when the server cannot be reached.
window.__failures = window.__failures || 0;
window.__proposals = [
  { pairId: "П-0001", mentor: "Орлова М.С.", mentee: "Смирнова А.И.", form: "учитель – учитель", score: 90,
    explanation: "Наставник — Орлова М.С. (балл 90): первый выбор из 3 возможных.", status: "предложена", locked: false },
  { pairId: "П-0002", mentor: "Петров П.П.", mentee: "Иванов И.И.", form: "ученик – ученик", score: 65,
    explanation: "Наставник — Петров П.П. (балл 65), 2-й по баллу из 4 возможных.", status: "предложена", locked: false },
  { pairId: "П-0003", mentor: "Козлова Н.Н.", mentee: "Егорова П.А.", form: "ученик – ученик", score: 70,
    explanation: "Первый выбор.", status: "предложена", locked: false }
];
function makeRunner(success, failure) {
  var server = {
    sidebarProposals: function () { return window.__proposals.filter(function (p) { return p.status === "предложена"; }); },
    sidebarDecide: function (id, action) {
      var p = window.__proposals.filter(function (x) { return x.pairId === id; })[0];
      if (!p) throw new Error("Нет пары " + id);
      if (action === "approve") p.status = "утверждена";
      if (action === "reject") p.status = "отклонена";
      if (action === "lock") p.locked = true;
      if (action === "unlock") p.locked = false;
      return "Пары: " + action + " " + id;
    },
    sidebarApproveAll: function () {
      var n = 0;
      window.__proposals.forEach(function (p) { if (p.status === "предложена") { p.status = "утверждена"; n++; } });
      return "Пары: утверждено " + n + ".";
    }
  };
  var runner = {
    withSuccessHandler: function (f) { return makeRunner(f, failure); },
    withFailureHandler: function (f) { return makeRunner(success, f); }
  };
  Object.keys(server).forEach(function (name) {
    runner[name] = function () {
      var args = Array.prototype.slice.call(arguments);
      window.__calls.push([name].concat(args));
      setTimeout(function () {
        if (window.__failures > 0) {
          window.__failures--;
          if (failure) failure(new Error("NetworkError: Connection failure due to HTTP 0"));
          return;
        }
        try { var r = server[name].apply(null, args); if (success) success(r); }
        catch (e) { if (failure) failure(e); }
      }, 5);
    };
  });
  return runner;
}
window.google = { script: { run: makeRunner(null, null) } };
`;

let browser: Browser;
let page: Page;

const statuses = () =>
  page.evaluate(
    () =>
      (window as unknown as { __proposals: { pairId: string; status: string; locked: boolean }[] })
        .__proposals,
  );

describeWith(CHROMIUM)("the pair review sidebar (headless Chromium, stubbed google.script.run)", () => {
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    page = await browser.newPage();
    page.setDefaultTimeout(10000);
    // The stub runs before the page's own script, as google.script.run exists before it in Apps Script.
    await page.setContent(html.replace("<head>", `<head><script>${STUB}</script>`));
    await page.waitForSelector(".card");
  });
  afterEach(async () => {
    await page.close();
  });

  it("lists every proposal with its explanation and score", async () => {
    const cards = await page.locator(".card").allTextContents();
    expect(cards).toHaveLength(3);
    expect(cards[0]).toContain("Орлова М.С. → Смирнова А.И.");
    expect(cards[0]).toContain("первый выбор из 3 возможных");
    expect(await page.locator(".card .score").first().textContent()).toBe("90");
    expect(await page.locator("#status").textContent()).toBe("Предложено пар: 3");
  });

  it("approves one pair: the server is called and the card disappears", async () => {
    await page.click('.card[data-pair="П-0002"] button[data-action="approve"]');
    await page.waitForFunction(() => document.querySelectorAll(".card").length === 2);
    expect((await statuses()).find((p) => p.pairId === "П-0002")?.status).toBe("утверждена");
    expect(await page.locator("#status").textContent()).toBe("Пары: approve П-0002");
  });

  it("rejects one pair", async () => {
    await page.click('.card[data-pair="П-0001"] button[data-action="reject"]');
    await page.waitForFunction(() => document.querySelectorAll(".card").length === 2);
    expect((await statuses()).find((p) => p.pairId === "П-0001")?.status).toBe("отклонена");
  });

  it("locks a pair: it stays, marked as locked, and offers to unlock", async () => {
    await page.click('.card[data-pair="П-0003"] button[data-action="lock"]');
    await page.waitForSelector('.card.locked[data-pair="П-0003"]');
    expect((await statuses()).find((p) => p.pairId === "П-0003")?.locked).toBe(true);
    expect(await page.locator('.card[data-pair="П-0003"] button[data-action="unlock"]').textContent()).toBe(
      "Открепить",
    );
  });

  it("approves all and then shows that nothing is left", async () => {
    await page.click("#approve-all");
    await page.waitForSelector(".empty");
    expect((await statuses()).every((p) => p.status === "утверждена")).toBe(true);
    expect(await page.locator("#approve-all").isDisabled()).toBe(true);
    const calls = await page.evaluate(() =>
      (window as unknown as { __calls: unknown[][] }).__calls.map((c) => c[0]),
    );
    expect(calls).toContain("sidebarApproveAll");
  });

  it("shows the server's Russian error message", async () => {
    await page.evaluate(() => {
      (window as unknown as { __proposals: { pairId: string }[] }).__proposals[0].pairId = "П-9999";
    });
    await page.click('.card[data-pair="П-0001"] button[data-action="approve"]');
    await page.waitForSelector(".status.error");
    expect(await page.locator("#status").textContent()).toBe("Нет пары П-0001");
  });
});

describeWith(CHROMIUM)("the pair review sidebar when its first call fails", () => {
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("shows the error in Russian with «Повторить», calls the server no more until it is pressed", async () => {
    page = await browser.newPage();
    page.setDefaultTimeout(10000);
    await page.setContent(html.replace("<head>", `<head><script>window.__failures = 1e9;${STUB}</script>`));
    await page.waitForSelector(".status.error");
    // Time for a reload loop to show itself (the old page called the server ~50 times a second).
    await page.waitForTimeout(1000);
    const calls = () => page.evaluate(() => (window as unknown as { __calls: unknown[][] }).__calls.length);
    expect(await calls()).toBe(1);
    expect(await page.locator("#status").textContent()).toContain(
      "Не удалось загрузить предложенные пары: NetworkError: Connection failure due to HTTP 0",
    );
    expect(await page.locator("#retry").isVisible()).toBe(true);
    expect(await page.locator("#retry").textContent()).toBe("Повторить");

    // The server is back: pressing «Повторить» loads the proposals.
    await page.evaluate(() => {
      (window as unknown as { __failures: number }).__failures = 0;
    });
    await page.click("#retry");
    await page.waitForSelector(".card");
    expect(await calls()).toBe(2);
    expect(await page.locator(".card").count()).toBe(3);
    expect(await page.locator("#status").textContent()).toBe("Предложено пар: 3");
    expect(await page.locator("#retry").isVisible()).toBe(false);
    await page.close();
  });
});
