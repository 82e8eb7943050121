/// <reference lib="dom" />
/**
 * «Панель куратора» (src/ui/panel.html) in headless Chromium at the sidebar's 300 px, with a stubbed
 * google.script.run answering the models core computed for the demo school and for a new workbook
 * (test/fixtures/panel/*.json, held equal to core's output by test/offline/status.test.ts).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Browser, Page } from "playwright-core";
import { CHROMIUM, launchChromium } from "../support/browser";
import { describeWith } from "../support/tools";

const html = readFileSync(resolve(__dirname, "../../src/ui/panel.html"), "utf8");
const demo = readFileSync(resolve(__dirname, "../fixtures/panel/demo.json"), "utf8");
const fresh = readFileSync(resolve(__dirname, "../fixtures/panel/new.json"), "utf8");

/** google.script.run answering asynchronously, every call recorded; `window.__failures` calls fail. */
const stub = (model: string) => `
window.__calls = [];
window.__failures = window.__failures || 0;
window.__model = ${model};
window.__delay = 5;
function makeRunner(success, failure) {
  var server = {
    sidebarPanel: function () { return window.__model; },
    sidebarPanelRun: function (key) {
      if (key === "open:pair_activity") return window.__model;
      var m = JSON.parse(JSON.stringify(window.__model));
      m.next = { text: "Сделано: " + key, action: null };
      return m;
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
      }, window.__delay);
    };
  });
  return runner;
}
window.google = { script: { run: makeRunner(null, null) } };
`;

let browser: Browser;
let page: Page;

async function open(model: string, failures = 0): Promise<void> {
  page = await browser.newPage({ viewport: { width: 300, height: 900 } });
  page.setDefaultTimeout(10000);
  await page.setContent(
    html.replace("<head>", `<head><script>window.__failures = ${failures};${stub(model)}</script>`),
  );
}

const calls = () => page.evaluate(() => (window as unknown as { __calls: unknown[][] }).__calls);

/** Widths past the 300 px viewport: the page's and every element's right edge. */
const overflow = () =>
  page.evaluate(() => {
    const doc = document.documentElement;
    const wide = [...document.querySelectorAll("body *")]
      .filter((e) => e.getBoundingClientRect().right > doc.clientWidth + 0.5)
      .map((e) => `${e.tagName}.${e.className}`);
    return { scroll: doc.scrollWidth - doc.clientWidth, wide };
  });

describeWith(CHROMIUM)("«Панель куратора» at 300 px (headless Chromium, stubbed google.script.run)", () => {
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    await page?.close();
  });

  it("shows the demo school: the next action, the warnings, the ten steps; nothing scrolls sideways", async () => {
    await open(demo);
    await page.waitForSelector(".steps li");
    expect(await page.locator("#heading").textContent()).toBe(
      "МБОУ «СОШ № 1» · 2026/2027 учебный год, на 25.05.2027",
    );
    // What the page shows is the model it was given (the demo's figures change with the demo).
    const model = JSON.parse(demo) as {
      next: { text: string; action: { caption: string } | null };
      warnings: { text: string }[];
      steps: { state: string; title: string; attention: boolean }[];
    };
    expect(await page.locator("#next p").textContent()).toBe(model.next.text);
    expect(await page.locator("#next button").textContent()).toBe(model.next.action?.caption);
    expect(await page.locator(".warn p").allTextContents()).toEqual(model.warnings.map((w) => w.text));
    const steps = await page
      .locator(".steps li")
      .evaluateAll((lis) => lis.map((li) => [li.className, li.querySelector(".title")?.textContent]));
    expect(steps).toEqual(model.steps.map((st) => [st.state, `${st.title}${st.attention ? " !" : ""}`]));
    expect(steps.map((x) => x[1]?.replace(" !", ""))).toEqual([
      "Анкеты",
      "Базы участников",
      "Подбор пар",
      "Проверка пар",
      "Утверждение пар",
      "Приказ о закреплении",
      "Персональные программы",
      "Встречи",
      "Мониторинг",
      "Итоги года",
    ]);
    expect(steps.filter((x) => x[0] === "now")).toHaveLength(1);
    expect(await page.locator(".start").count()).toBe(0);
    expect(await overflow()).toEqual({ scroll: 0, wide: [] });
  });

  it("a new workbook starts with «Начало работы»; nothing scrolls sideways", async () => {
    await open(fresh);
    await page.waitForSelector(".start li");
    expect(await page.locator(".start li .title").allTextContents()).toEqual([
      "Школа",
      "Учебный год",
      "Ответственные",
      "Часовой пояс",
      "Анкеты",
    ]);
    expect(await page.locator("#next button").textContent()).toBe("Открыть «Настройки»");
    expect(await overflow()).toEqual({ scroll: 0, wide: [] });
  });

  it("a button runs its action once, every button waits meanwhile, and focus returns to the next action", async () => {
    await open(demo);
    await page.waitForSelector("#next button");
    await page.evaluate(() => {
      (window as unknown as { __delay: number }).__delay = 300;
    });
    await page.click('.warn button[data-action="open:mentees"]');
    expect(await page.locator("button:not(#retry):not([disabled])").count()).toBe(0);
    expect(await page.locator("#status").textContent()).toBe("Выполняется: Открыть «Наставляемые»…");
    // A second click while the first runs is not sent.
    await page.locator("#next button").click({ force: true });
    await page.waitForFunction(() => document.getElementById("status")?.textContent?.startsWith("Готово"));
    expect((await calls()).filter((c) => c[0] === "sidebarPanelRun")).toEqual([
      ["sidebarPanelRun", "open:mentees"],
    ]);
    expect(await page.locator("#next p").textContent()).toBe("Сделано: open:mentees");
    expect(await page.evaluate(() => document.activeElement?.id)).not.toBe("retry");
  });

  it("a failed load shows the Russian error with «Повторить», and calls the server again only when pressed", async () => {
    await open(demo, 1);
    await page.waitForSelector("#status.error");
    await page.waitForTimeout(300);
    expect((await calls()).length).toBe(1);
    expect(await page.locator("#status").textContent()).toBe(
      "Не удалось загрузить панель: NetworkError: Connection failure due to HTTP 0",
    );
    await page.click("#retry");
    await page.waitForSelector(".steps li");
    expect((await calls()).length).toBe(2);
    expect(await page.locator("#retry").isVisible()).toBe(false);
  });
});
