/// <reference lib="dom" />
/**
 * dist/nastavnichestvo.html (issue 20) in headless Chromium, opened from file:// with every
 * request that leaves the page blocked and counted: the demo school's year on the shipped sample
 * exports — a new workbook, the three exports dropped in, matching, approving all, the documents,
 * the summary — then the saved workbook (a download: this test hides the File System Access API)
 * compared with what the `mentor` CLI makes of the same steps on the same day.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import JSZip from "jszip";
import type { Browser, BrowserContext, Download, Page } from "playwright-core";
import { calendarDate } from "../../src/core/dates";
import { planSummary } from "../../src/core/summary/plan";
import { sheetName } from "../../src/core/templates/load";
import { Table } from "../../src/core/workbook/table";
import { run } from "../../src/offline/cli";
import { SAMPLE_FILES, samplesDir } from "../../src/offline/samples";
import { XlsxWorkbook } from "../../src/offline/xlsx-workbook";
import { CHROMIUM, launchChromium } from "../support/browser";
import { convertWithLibreOffice, describeWith, libreOffice } from "../support/tools";

const LIBREOFFICE = libreOffice();

const ROOT = resolve(__dirname, "../..");
const TODAY = "2026-11-22";
const SAMPLES = [SAMPLE_FILES.mentors, SAMPLE_FILES.mentees, SAMPLE_FILES.menteesYandex].map((f) =>
  join(samplesDir(), f),
);

let dir: string;
let pagePath: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** Requests to anything but the page's own file (and the blob: URLs of its downloads). */
const outside: string[] = [];
const downloads: Download[] = [];
const timings: Record<string, number> = {};

async function idle(): Promise<void> {
  await page.waitForFunction(() => !document.body.hasAttribute("aria-busy"));
  const error = (await page.textContent("#error"))?.trim();
  expect(error).toBe("");
}

async function cli(...argv: string[]): Promise<string> {
  const out: string[] = [];
  const code = await run([...argv, "--today", TODAY, "--quiet"], (s) => out.push(s));
  expect({ argv, code, out: out.join("") }).toMatchObject({ code: 0 });
  return out.join("");
}

/** What the two workbooks must agree on: the people, the pairs, the journal's rejects, the summary. */
function figures(wb: XlsxWorkbook) {
  const pairs = Table.load(wb, "pairs")
    .records()
    .map(({ values: p }) => `${p.mentor_id}→${p.mentee_id}: ${p.status}`)
    .sort();
  return {
    mentors: Table.load(wb, "mentors").records().length,
    mentees: Table.load(wb, "mentees").records().length,
    pairs,
    journalErrors: Table.load(wb, "log")
      .records()
      .filter((r) => r.values.level === "ошибка").length,
    summary: planSummary(wb, calendarDate(new Date(`${TODAY}T09:00:00Z`))).figures,
  };
}

describeWith(CHROMIUM)("the curator's page (dist/nastavnichestvo.html) in headless Chromium", () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "mentor-page-"));
    pagePath = join(dir, "nastavnichestvo.html");
    execFileSync(process.execPath, [join(ROOT, "scripts/build-page.mjs"), "--out", pagePath], { cwd: ROOT });
    browser = await launchChromium();
    context = await browser.newContext({ acceptDownloads: true });
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith("file:") || url.startsWith("blob:")) return route.continue();
      outside.push(url);
      return route.abort();
    });
    context.on("request", (r) => {
      const url = r.url();
      if (!url.startsWith("file:") && !url.startsWith("blob:") && !outside.includes(url)) outside.push(url);
    });
    // No File System Access API here: saving falls back to a download, which the test reads. And
    // every refusal of the page's Content-Security-Policy is counted.
    await context.addInitScript(() => {
      const w = window as unknown as Record<string, unknown>;
      delete w.showSaveFilePicker;
      delete w.showOpenFilePicker;
      w.__violations = [];
      document.addEventListener("securitypolicyviolation", (e) =>
        (w.__violations as string[]).push(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    page = await context.newPage();
    page.setDefaultTimeout(60000);
    page.on("dialog", (d) => void d.accept());
    page.on("download", (d) => downloads.push(d));
  });

  afterAll(async () => {
    console.log(
      `Page: ${statSync(pagePath, { throwIfNoEntry: false })?.size ?? "?"} bytes; ${JSON.stringify(timings)}`,
    );
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test("is one file under 3 MB with a strict Content-Security-Policy and no external reference", () => {
    const html = readFileSync(pagePath, "utf8");
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(3 * 1024 * 1024);
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? "";
    expect(csp).toMatch(/^default-src 'none'; script-src 'sha256-[^']+'; style-src 'sha256-[^']+'/);
    expect(csp).not.toMatch(/connect-src|unsafe-eval|https?:/);
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/i);
  });

  test("runs the demo school's year with no network request, and saves what the CLI makes", async () => {
    const opened = Date.now();
    await page.goto(`file://${pagePath}?today=${TODAY}`);
    await page.waitForSelector("html[data-ready=true]");
    timings.openMs = Date.now() - opened;
    expect(await page.title()).toContain("Наставничество");

    const year = Date.now();
    await page.click("#create");
    await idle();
    expect(await page.textContent("#panel-steps")).toContain("Анкеты");
    await page.setInputFiles("#import-input", SAMPLES);
    await idle();
    const imported = (await page.textContent("#import-result")) ?? "";
    expect(imported).toContain("Анкета наставника: добавлено 36");
    expect(imported).toMatch(/Анкета наставляемого: добавлено \d+/);
    await page.click("#match");
    await idle();
    expect(await page.textContent("#match-result")).toMatch(/пар/);
    // The review cards as in the Sheets sidebar: «балл N из 100», one line of reason, weakest first.
    const cards = await page.$$eval("#cards li.card", (items) =>
      items.map((li) => ({
        score: li.querySelector(".score")?.textContent ?? "",
        reason: li.querySelector("summary.reason")?.textContent ?? "",
        sub: li.querySelector("p.sub")?.textContent ?? "",
      })),
    );
    expect(cards.length).toBe(49);
    expect(cards.every((c) => /^балл \d+ из 100$/.test(c.score))).toBe(true);
    expect(cards.every((c) => c.reason.length > 0 && !c.reason.includes("\n"))).toBe(true);
    const scores = cards.map((c) => Number(/\d+/.exec(c.score)![0]));
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    // Filtered by form: only that form's cards, and «Утвердить показанные» counts them.
    const forms = await page.$$eval("#cards-form option", (os) =>
      os.map((o) => (o as HTMLOptionElement).value).filter((v) => v !== ""),
    );
    expect(forms.length).toBeGreaterThan(1);
    await page.selectOption("#cards-form", forms[0]);
    const subs = await page.$$eval("#cards li.card p.sub", (ps) => ps.map((p) => p.textContent ?? ""));
    expect(subs.length).toBeGreaterThan(0);
    expect(subs.length).toBeLessThan(49);
    expect(subs.every((t) => t.endsWith(`· ${forms[0]}`) || t.includes(`· ${forms[0]} ·`))).toBe(true);
    expect(await page.textContent("#approve")).toBe(`Утвердить показанные (${subs.length})…`);
    await page.selectOption("#cards-form", "");
    expect(await page.textContent("#approve")).toBe("Утвердить все предложенные (49)…");
    // A review card: reject the first proposal, then put it back (the CLI's figures stay comparable).
    const first = page.locator('#cards button[data-decision="reject"]').first();
    const pair = await first.getAttribute("data-pair");
    await first.click();
    await idle();
    expect(await page.textContent("#match-result")).toMatch(/[Оо]тклонен/);
    await page.click(`#cards button[data-pair="${pair}"][data-decision="restore"]`);
    await idle();
    expect(await page.locator('#cards button[data-decision="approve"]').count()).toBe(49);
    await page.click("#approve");
    await idle();
    expect(await page.textContent("#match-result")).toMatch(/[Уу]тверждено/);
    const before = downloads.length;
    const docsStarted = Date.now();
    await page.click("#documents");
    await idle();
    timings.documentsMs = Date.now() - docsStarted;
    await page.waitForTimeout(300);
    const docs = downloads.slice(before);
    const names = docs.map((d) => d.suggestedFilename());
    expect(names).toEqual(
      expect.arrayContaining([expect.stringMatching(/Приказ.*\.docx$/), expect.stringMatching(/\.zip$/)]),
    );
    const zip = docs.find((d) => d.suggestedFilename().endsWith(".zip"));
    expect(zip).toBeDefined();
    const programs = Object.keys((await JSZip.loadAsync(readFileSync(await zip!.path()))).files);
    expect(programs.length).toBeGreaterThan(10);
    expect(programs.every((n) => n.endsWith(".docx"))).toBe(true);
    await page.click("#summary");
    await idle();
    expect(await page.textContent("#summary-result")).toMatch(/наставник/);
    timings.yearMs = Date.now() - year;

    const saving = page.waitForEvent("download");
    await page.click("#save");
    await idle();
    const saved = join(dir, "from-page.xlsx");
    await (await saving).saveAs(saved);
    expect(await page.textContent("#save-note")).toContain("скачана");
    expect(outside).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual(
      [],
    );

    const book = join(dir, "from-cli.xlsx");
    await cli("init", "--file", book);
    await cli("import", SAMPLES[0], "--form", "mentor", "--file", book);
    await cli("import", SAMPLES[1], "--form", "mentee", "--file", book);
    await cli("import", SAMPLES[2], "--form", "mentee", "--file", book);
    await cli("match", "--file", book);
    await cli("approve", "--all", "--file", book);
    await cli("doc", "all", "--out", join(dir, "docs"), "--file", book);
    await cli("summary", "--write", "--file", book);
    const fromPage = figures(await XlsxWorkbook.load(saved));
    const fromCli = figures(await XlsxWorkbook.load(book));
    expect(fromPage.pairs.length).toBeGreaterThan(10);
    expect(fromPage).toEqual(fromCli);
  });

  test("refuses a file that is not a workbook in words, and keeps a refused export in «Журнал»", async () => {
    await page.setInputFiles("#open-input", {
      name: "ответы.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("a;b\n1;2\n"),
    });
    await page.waitForFunction(() => !document.body.hasAttribute("aria-busy"));
    expect(await page.textContent("#error")).toContain("не книга .xlsx");
    await page.setInputFiles("#import-input", {
      name: "чужое.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("Отметка времени;Любимый цвет\n01.11.2026 10:00;синий\n"),
    });
    await idle();
    expect(await page.textContent("#import-result")).toContain("Записано в «Журнал»: 1 строка");
    expect(outside).toEqual([]);
  });

  test("takes a workbook and exports dropped on its zones, and works from the keyboard", async () => {
    const p = await context.newPage();
    p.on("dialog", (d) => void d.accept());
    await p.goto(`file://${pagePath}?today=${TODAY}`);
    await p.waitForSelector("html[data-ready=true]");
    /** Drops files on a zone as the browser does: a drop event whose DataTransfer holds them. */
    const drop = async (selector: string, files: string[]) => {
      const payload = files.map((f) => ({ name: f.split("/").pop()!, bytes: [...readFileSync(f)] }));
      await p.evaluate(
        ({ selector, payload }) => {
          const dt = new DataTransfer();
          for (const f of payload) dt.items.add(new File([new Uint8Array(f.bytes)], f.name));
          document
            .querySelector(selector)!
            .dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true }));
        },
        { selector, payload },
      );
      await p.waitForFunction(() => !document.body.hasAttribute("aria-busy"));
      expect((await p.textContent("#error"))?.trim()).toBe("");
    };
    // Keyboard alone: Tab to «Создать новую книгу», Enter.
    for (let i = 0; i < 10 && (await p.evaluate(() => document.activeElement?.id)) !== "create"; i++)
      await p.keyboard.press("Tab");
    expect(await p.evaluate(() => document.activeElement?.id)).toBe("create");
    await p.keyboard.press("Enter");
    await p.waitForFunction(() => !document.body.hasAttribute("aria-busy"));
    expect(await p.textContent("#book-name")).toContain("наставничество.xlsx");
    await drop("#import-drop", [SAMPLES[0]]);
    expect(await p.textContent("#import-result")).toContain("Анкета наставника: добавлено 36");
    // The CLI's workbook of the first test, dropped on the workbook's zone, replaces the new one.
    await drop("#book-drop", [join(dir, "from-cli.xlsx")]);
    expect(await p.textContent("#book-name")).toContain("from-cli.xlsx");
    expect(await p.textContent("#panel-steps")).toContain("Утверждение пар (сделано)");
    // The rest of the year's buttons on it: the roadmap, the monitoring, the reminders.
    const yearStep = async (id: string, expected: RegExp) => {
      await p.click(id);
      await p.waitForFunction(() => !document.body.hasAttribute("aria-busy"));
      expect((await p.textContent("#error"))?.trim()).toBe("");
      expect(await p.textContent("#year-result")).toMatch(expected);
    };
    await yearStep("#roadmap-load", /Добавлено \d+ мероприяти/);
    // A table pasted from Word: its events land in the roadmap, as `mentor roadmap import`.
    await p.fill(
      "#roadmap-paste",
      [
        "№\tМероприятие\tСроки\tОтветственные",
        "1\tВстреча наставников с куратором программы по итогам полугодия\tДо 25 декабря 2026 г.\tКуратор",
        "2\tОткрытые уроки наставников для молодых педагогов школы\tФевраль 2027 г.\tНаставники",
      ].join("\n"),
    );
    await yearStep("#roadmap-paste-go", /Добавлено 2 мероприятия/);
    expect(await p.inputValue("#roadmap-paste")).toBe("");
    await p.click("#roadmap-paste-go");
    await p.waitForFunction(() => !document.body.hasAttribute("aria-busy"));
    expect(await p.textContent("#error")).toContain("Вставьте таблицу мероприятий");
    await yearStep("#roadmap-refresh", /\d/);
    await yearStep("#monitoring", /\d/);
    await yearStep("#remind", /Напоминания на 22\.11\.2026/);
    // The labour-law documents of `mentor doc mentors`: all of them as one .zip of .docx files (a
    // browser drops a burst of separate downloads), a single kind as .docx downloads.
    const got: Download[] = [];
    p.on("download", (d) => got.push(d));
    const labourStep = async (kind: string) => {
      const before = got.length;
      await p.selectOption("#labour-kind", kind);
      await p.click("#labour-docs");
      await p.waitForFunction(() => !document.body.hasAttribute("aria-busy"));
      expect((await p.textContent("#error"))?.trim()).toBe("");
      await p.waitForTimeout(300);
      return got.slice(before);
    };
    const all = await labourStep("");
    expect(all.map((d) => d.suggestedFilename())).toEqual(["Документы наставников 2026-2027.zip"]);
    const inZip = Object.keys((await JSZip.loadAsync(readFileSync(await all[0].path()))).files);
    expect(inZip.every((n) => n.endsWith(".docx"))).toBe(true);
    for (const kind of [
      /^Согласие на наставничество Н-\d+/,
      /^Доп\. соглашение о наставничестве Н-\d+/,
      /^Список на доплату/,
      /^Справка о наставничестве 2026-2027 Н-\d+/,
    ])
      expect(inZip).toEqual(expect.arrayContaining([expect.stringMatching(kind)]));
    const message = (await p.textContent("#docs-result")) ?? "";
    expect(message).toContain(
      `Скачано в папку загрузок архивом «Документы наставников 2026-2027.zip»: ${inZip.length} документ`,
    );
    expect(message).toContain("Благодарственные письма не созданы");
    const pay = await labourStep("paylist");
    expect(pay.map((d) => d.suggestedFilename())).toEqual([
      expect.stringMatching(/^Список на доплату за наставничество 2026-10\.docx$/),
    ]);
    const payXml = await (await JSZip.loadAsync(readFileSync(await pay[0].path())))
      .file("word/document.xml")!
      .async("string");
    expect(payXml).toContain("доплат");
    expect(outside).toEqual([]);
    expect(await p.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual(
      [],
    );
    await p.close();
  });

  test("writes the report to the department and the director's monthly letter as .eml files", async () => {
    // The demo school's workbook of 22 November (addresses set, monitoring done), mailed in December.
    const demo = join(dir, "demo.xlsx");
    await cli(
      "demo",
      "--file",
      demo,
      "--outbox",
      join(dir, "demo-outbox"),
      "--documents",
      join(dir, "demo-docs"),
    );
    const p = await context.newPage();
    const got: Download[] = [];
    p.on("download", (d) => got.push(d));
    await p.goto(`file://${pagePath}?today=2026-12-07`);
    await p.waitForSelector("html[data-ready=true]");
    await p.setInputFiles("#open-input", demo);
    await p.waitForFunction(() => !document.body.hasAttribute("aria-busy"));
    expect(await p.textContent("#book-name")).toContain("demo.xlsx");
    const letter = async (id: string): Promise<string> => {
      const before = got.length;
      await p.click(id);
      await p.waitForFunction(() => !document.body.hasAttribute("aria-busy"));
      expect((await p.textContent("#error"))?.trim()).toBe("");
      await p.waitForTimeout(300);
      const mails = got.slice(before).filter((d) => d.suggestedFilename().endsWith(".eml"));
      expect(mails).toHaveLength(1);
      return readFileSync(await mails[0].path(), "utf8");
    };
    const report = await letter("#send-department");
    expect(report).toMatch(/^To: uo@kamensk-uralskiy\.ru\r$/m);
    expect(report).toContain("multipart/mixed");
    expect(report).toContain("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(await p.textContent("#mail-result")).toMatch(
      /^Отчёт в орган управления образованием: письмо скачано файлом «.+\.eml»/,
    );
    const monthly = await letter("#send-monthly");
    expect(monthly).toMatch(/^To: director@school1\.ru\r$/m);
    expect(await p.textContent("#mail-result")).toMatch(/^Ежемесячная сводка директору: письмо скачано/);
    // Once a month per address, as «Журнал» records it: the second report is refused in words.
    const before = got.length;
    await p.click("#send-department");
    await p.waitForFunction(() => !document.body.hasAttribute("aria-busy"));
    expect(await p.textContent("#mail-result")).toMatch(/уже отправлен на uo@kamensk-uralskiy\.ru/);
    expect(got.slice(before).filter((d) => d.suggestedFilename().endsWith(".eml"))).toHaveLength(0);
    expect(outside).toEqual([]);
    expect(await p.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual(
      [],
    );
    await p.close();
  }, 120_000);

  test("reads at 200 % zoom: nothing wider than the window of a 1280 px screen at 200 %", async () => {
    const p = await context.newPage();
    await p.setViewportSize({ width: 640, height: 800 });
    await p.goto(`file://${pagePath}?today=${TODAY}`);
    await p.waitForSelector("html[data-ready=true]");
    await p.click("#create");
    await p.waitForFunction(() => !document.body.hasAttribute("aria-busy"));
    const wide = await p.evaluate(() => {
      const doc = document.documentElement;
      return {
        scroll: doc.scrollWidth - doc.clientWidth,
        wide: [...document.querySelectorAll("body *")]
          .filter((e) => e.getBoundingClientRect().right > doc.clientWidth + 0.5)
          .map((e) => e.id || e.tagName),
      };
    });
    expect(wide).toEqual({ scroll: 0, wide: [] });
    await p.close();
  });

  test("saves into the chosen file where the browser can write it (File System Access API)", async () => {
    const p = await context.newPage();
    await p.addInitScript(() => {
      const w = window as unknown as Record<string, unknown>;
      w.__written = [];
      w.showSaveFilePicker = async () => ({
        name: "школа.xlsx",
        createWritable: async () => ({
          write: async (blob: Blob) => (w.__written as number[]).push(blob.size),
          close: async () => undefined,
        }),
      });
    });
    await p.goto(`file://${pagePath}?today=${TODAY}`);
    await p.waitForSelector("html[data-ready=true]");
    await p.click("#create");
    await p.waitForFunction(() => !document.body.hasAttribute("aria-busy"));
    await p.click("#save");
    await p.waitForFunction(() => !document.body.hasAttribute("aria-busy"));
    expect(await p.textContent("#book-name")).toContain("«школа.xlsx» — изменения сохраняются в этот файл");
    await p.setInputFiles("#import-input", [SAMPLES[0]]);
    await p.waitForFunction(() => !document.body.hasAttribute("aria-busy"));
    // Saved once by the button, once more by the import itself: no download, no «не сохранено».
    const written = await p.evaluate(() => (window as unknown as { __written: number[] }).__written);
    expect(written).toHaveLength(2);
    expect(written[1]).toBeGreaterThan(written[0]);
    expect(await p.textContent("#save-note")).toBe("Все изменения сохранены.");
    await p.close();
  });

  describeWith(LIBREOFFICE)("reopened in LibreOffice", () => {
    test("the page's workbook and the CLI's recalculate to the same figures and the same «Сводка»", async () => {
      const out = join(dir, "lo");
      convertWithLibreOffice(
        LIBREOFFICE,
        [join(dir, "from-page.xlsx"), join(dir, "from-cli.xlsx")],
        "xlsx",
        out,
        300_000,
      );
      const fromPage = await XlsxWorkbook.load(join(out, "from-page.xlsx"));
      const fromCli = await XlsxWorkbook.load(join(out, "from-cli.xlsx"));
      expect(figures(fromPage)).toEqual(figures(fromCli));
      const sheet = (wb: XlsxWorkbook) => wb.read(sheetName("summary")).map((r) => r.map(String).join("|"));
      const summaryRows = sheet(fromPage);
      expect(summaryRows.join("\n")).toMatch(/\d/);
      expect(summaryRows).toEqual(sheet(fromCli));
    }, 300_000);
  });
});
