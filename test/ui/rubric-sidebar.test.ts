/// <reference lib="dom" />
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Browser, Page } from "playwright-core";
import { noProgress } from "../../src/core/ports";
import { initWorkbook } from "../../src/core/usecases/init";
import { recomputeMonitoring } from "../../src/core/usecases/monitoring";
import { rubricView, saveRubricScores } from "../../src/core/usecases/rubric-review";
import { sampleSchool } from "../../src/demo/sample";
import { seedSampleSchool } from "../../src/demo/seed";
import { CHROMIUM, launchChromium } from "../support/browser";
import { playDemoYear } from "../support/demo-year";
import { MemoryWorkbook } from "../support/memory-workbook";
import { describeWith } from "../support/tools";

const html = readFileSync(resolve(__dirname, "../../src/ui/rubric.html"), "utf8");
const NOW = new Date(Date.UTC(2027, 4, 20, 9));
const clock = { now: () => NOW };

function demo(pairs?: number) {
  const wb = new MemoryWorkbook();
  initWorkbook({
    workbook: wb,
    clock: { now: () => new Date(Date.UTC(2026, 8, 1, 9)) },
    progress: noProgress,
  });
  seedSampleSchool(wb, sampleSchool(NOW), noProgress);
  playDemoYear(wb, NOW, pairs ? { pairs } : {});
  recomputeMonitoring({ workbook: wb, clock });
  return wb;
}

/** google.script.run in the page, answered by the core use-cases in Node (as src/gas/features/rubric.ts calls them). */
const STUB = `
window.__calls = [];
function makeRunner(success, failure) {
  var runner = {
    withSuccessHandler: function (f) { return makeRunner(f, failure); },
    withFailureHandler: function (f) { return makeRunner(success, f); }
  };
  ["sidebarRubric", "sidebarRubricSave"].forEach(function (name) {
    runner[name] = function () {
      var args = Array.prototype.slice.call(arguments);
      window.__calls.push([name].concat(args));
      setTimeout(function () {
        window.__server(name, args).then(function (r) {
          if (r.error !== undefined) { failure(new Error(r.error)); return; }
          var t0 = performance.now();
          success(r.value);
          window.__ms = window.__ms || {};
          window.__ms[name] = performance.now() - t0;
        });
      }, 5);
    };
  });
  return runner;
}
window.google = { script: { run: makeRunner(null, null) } };
`;

let browser: Browser;

async function open(wb: MemoryWorkbook): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 300, height: 700 } });
  page.setDefaultTimeout(10000);
  const api: Record<string, (...a: never[]) => unknown> = {
    sidebarRubric: () => rubricView(wb),
    sidebarRubricSave: (scope: string, scores: (number | null)[]) =>
      saveRubricScores({ workbook: wb, clock, user: "curator@school1.ru" }, scope, scores),
  };
  await page.exposeFunction("__server", (name: string, args: never[]) => {
    try {
      return { value: JSON.parse(JSON.stringify(api[name](...args))) };
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
  });
  await page.setContent(html.replace("<head>", `<head><script>${STUB}</script>`));
  await page.waitForSelector(".card");
  return page;
}

describeWith(CHROMIUM)(
  "the curator's rubric sidebar at 300 px (headless Chromium, the core behind it)",
  () => {
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it("scores the demo's 12 pairs with the keyboard only: five digits and Enter each, no horizontal scroll", async () => {
      const wb = demo();
      const page = await open(wb);
      expect(await page.locator(".card").count()).toBe(12);
      expect(await page.locator("#legend li").allTextContents()).toEqual([
        "Соответствие цели и задачам",
        "Соответствие принципам программы",
        "Современные подходы и технологии",
        "Комфортный психологический климат",
        "Логичность деятельности наставника",
      ]);
      expect(await page.locator(".card").first().locator(".facts li").first().textContent()).toMatch(
        /^Встреч: \d+/,
      );
      expect(
        await page.evaluate(
          () => document.documentElement.scrollWidth <= document.documentElement.clientWidth,
        ),
      ).toBe(true);
      // The first pair's field has the focus: type, Enter, on to the next — for all twelve.
      const started = Date.now();
      for (let i = 0; i < 12; i++) {
        await page.keyboard.type(i % 2 === 0 ? "22122" : "11210");
        await page.keyboard.press("Enter");
      }
      await page.waitForFunction(() => document.querySelectorAll(".card.done").length === 12);
      const elapsed = Date.now() - started;
      const view = rubricView(wb);
      expect(view.pairs.every((p) => p.scores.every((s) => s !== null))).toBe(true);
      expect(view.pairs[0].scores).toEqual([2, 2, 1, 2, 2]);
      expect(view.pairs[1].scores).toEqual([1, 1, 2, 1, 0]);
      expect(await page.locator("#status").textContent()).toContain("Оценено пар: 12 из 12.");
      // The figures the issue asks for: how long twelve pairs take by keyboard here.
      console.log(`rubric sidebar: 12 pairs scored by keyboard in ${elapsed} ms`);
      await page.close();
    });

    it("46 pairs: shown at once, scored by keyboard only (five digits, Enter), each card in view as its turn comes", async () => {
      const wb = demo(46);
      const count = rubricView(wb).pairs.length;
      expect(count).toBe(46);
      const started = Date.now();
      const page = await open(wb);
      const shown = Date.now() - started;
      // The page's own work: the 46 cards built and the first focused, from the answer's arrival.
      const render = await page.evaluate(
        () => (window as unknown as { __ms: Record<string, number> }).__ms.sidebarRubric,
      );
      // About 55 ms on an idle machine; the bound leaves room for a loaded CI runner.
      expect(render).toBeLessThan(500);
      expect(await page.locator(".card").count()).toBe(46);
      expect(
        await page.evaluate(
          () => document.documentElement.scrollWidth <= document.documentElement.clientWidth,
        ),
      ).toBe(true);
      const typing = Date.now();
      for (let i = 0; i < count; i++) {
        // The pair whose turn it is: its field has the focus and its whole card is in view (a save
        // answered meanwhile may re-lay the cards above: the check waits a moment for it).
        await page.waitForFunction(
          () => {
            const input = document.activeElement as HTMLInputElement;
            if (!input.classList.contains("scores")) return false;
            const card = input.closest(".card")!.getBoundingClientRect();
            return card.top >= -1 && card.bottom <= innerHeight + 1;
          },
          undefined,
          { timeout: 2000 },
        );
        await page.keyboard.type(["22122", "11210", "21212"][i % 3]);
        await page.keyboard.press("Enter");
      }
      await page.waitForFunction(() => document.querySelectorAll(".card.done").length === 46);
      const elapsed = Date.now() - typing;
      expect(rubricView(wb).pairs.every((p) => p.scores.every((x) => x !== null))).toBe(true);
      expect(await page.locator("#status").textContent()).toContain("Оценено пар: 46 из 46.");
      // 46 × (5 digits + Enter) = 276 keystrokes, no mouse.
      console.log(
        `rubric sidebar: 46 pairs rendered in ${Math.round(render)} ms (page open ${shown} ms), scored by keyboard in ${elapsed} ms`,
      );
      await page.close();
    }, 120000);

    it("Enter on an unchanged pair moves on without saving; Shift+Enter goes back; Esc restores; Tab goes to the next pair", async () => {
      const wb = demo();
      const pairs = rubricView(wb).pairs;
      saveRubricScores({ workbook: wb, clock }, pairs[0].scope, [2, 2, 2, 2, 2]);
      const page = await open(wb);
      const focused = () => page.evaluate(() => document.activeElement?.getAttribute("data-scope"));
      const saves = () =>
        page.evaluate(
          () =>
            (window as unknown as { __calls: unknown[][] }).__calls.filter(
              (c) => c[0] === "sidebarRubricSave",
            ).length,
        );
      // The first pair still to score has the focus, not the scored one.
      expect(await focused()).toBe(pairs[1].scope);
      await page.keyboard.press("Shift+Enter");
      expect(await focused()).toBe(pairs[0].scope);
      await page.keyboard.press("Enter");
      expect(await focused()).toBe(pairs[1].scope);
      await page.keyboard.press("Enter");
      expect(await focused()).toBe(pairs[2].scope);
      expect(await saves()).toBe(0);
      await page.keyboard.type("012");
      await page.keyboard.press("Escape");
      expect(await page.locator("input.scores").nth(2).inputValue()).toBe("");
      await page.keyboard.press("Tab");
      expect(await focused()).toBe(pairs[3].scope);
      await page.keyboard.press("Shift+Tab");
      expect(await focused()).toBe(pairs[2].scope);
      expect(await saves()).toBe(0);
      // How 6–9 were computed (the survey answers among them), on demand and out of the Tab order.
      const basis = page.locator(".card").first().locator("details.basis");
      expect(await basis.locator("summary").textContent()).toBe("Анкеты и расчёт 6–9");
      expect(await basis.locator(".basis-text").isVisible()).toBe(false);
      await basis.locator("summary").click();
      expect(await basis.locator(".basis-text").textContent()).toBe(pairs[0].basis);
      expect(pairs[0].basis).toMatch(/^6 — /);
      await page.locator("input.scores").nth(2).focus();
      // The focused card is marked.
      expect(
        await page.evaluate(() => getComputedStyle(document.activeElement!.closest(".card")!).borderColor),
      ).toBe("rgb(26, 115, 232)");
      await page.close();
    });

    it("refuses fewer than five digits on the card and keeps letters out, calling the server for nothing", async () => {
      const wb = demo();
      const page = await open(wb);
      await page.keyboard.type("2a1");
      expect(await page.locator("input.scores").first().inputValue()).toBe("21");
      await page.keyboard.press("Enter");
      expect(await page.locator(".card").first().locator(".err").textContent()).toContain("Нужно пять цифр");
      expect(await page.evaluate(() => (window as unknown as { __calls: unknown[][] }).__calls.length)).toBe(
        1,
      );
      await page.close();
    });
  },
);
