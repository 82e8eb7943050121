import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { specimen } from "../../src/core/documents/specimen";
import { noProgress } from "../../src/core/ports";
import { initWorkbook } from "../../src/core/usecases/init";
import { Table } from "../../src/core/workbook/table";
import { sampleSchool } from "../../src/demo/sample";
import { seedSampleSchool } from "../../src/demo/seed";
import { run } from "../../src/offline/cli";
import { renderDocx } from "../../src/offline/docx";
import { XlsxWorkbook } from "../../src/offline/xlsx-workbook";
import { playDemoYear } from "../support/demo-year";
import { officialDefects } from "../support/official-defects";
import { convertWithLibreOffice, describeWith, libreOffice } from "../support/tools";

const NOW = new Date(Date.UTC(2027, 4, 20, 10, 0));
const clock = { now: () => NOW };

let dir: string;
let book: string;
let out: string;
let outbox: string;
const year = () => join(out, "2026-2027");

async function cli(args: string[]): Promise<{ code: number; text: string }> {
  const lines: string[] = [];
  const code = await run([...args, "--file", book, "--out", out, "--today", "20.05.2027", "--quiet"], (s) =>
    lines.push(s),
  );
  return { code, text: lines.join("").replace(/\u00a0/g, " ") };
}

/** The text of a .docx: paragraphs on lines, table cells joined by « | ». */
async function docxText(path: string): Promise<{ text: string; xml: string }> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const xml = await zip.file("word/document.xml")!.async("string");
  const cellText = (cell: string) =>
    [...cell.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("");
  const lines: string[] = [];
  const body = xml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, (tbl) => {
    const rows = [...tbl.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((r) =>
      [...r[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => cellText(c[0])).join(" | "),
    );
    return `<w:p>${rows.map((r) => `<w:t>${r}</w:t>`).join("</w:p><w:p>")}</w:p>`;
  });
  for (const p of body.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? []) lines.push(cellText(p));
  const decode = (s: string) =>
    s
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&")
      .replace(/\u00a0/g, " ");
  return { text: decode(lines.join("\n")), xml };
}

function docx(prefix: string): string {
  const f = readdirSync(year()).find((n) => n.startsWith(prefix) || n.includes(prefix));
  if (!f) throw new Error(`no .docx like ${prefix} in ${readdirSync(year()).join(", ")}`);
  return join(year(), f);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "mentor-docs-"));
  book = join(dir, "школа.xlsx");
  out = join(dir, "documents");
  outbox = join(dir, "outbox");
  const wb = XlsxWorkbook.create();
  initWorkbook({ workbook: wb, clock, progress: noProgress });
  seedSampleSchool(wb, sampleSchool(NOW), noProgress);
  playDemoYear(wb, new Date(Date.UTC(2027, 4, 20)));
  await wb.save(book);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("mentor doc KIND writes .docx files", () => {
  it("`mentor doc all` writes the four kinds into out/documents/2026-2027", async () => {
    const r = await cli(["doc", "all"]);
    expect(r.code).toBe(0);
    const files = readdirSync(year()).sort();
    expect(files).toHaveLength(15);
    expect(files).toEqual(
      expect.arrayContaining([
        "2027-05-20 Приказ о закреплении пар.docx",
        "2027-05-20 Аналитическая справка по итогам мониторинга.docx",
        "2027-05-20 Отчёт о реализации программы наставничества.docx",
      ]),
    );
    expect(files.filter((f) => /^Программа П-\d{4} \S+ – \S+\.docx$/.test(f))).toHaveLength(12);
    expect(r.text).toContain("создан: 2027-05-20 Приказ о закреплении пар.docx");
    const wb = await XlsxWorkbook.load(book);
    const logged = Table.load(wb, "log")
      .records()
      .filter((l) => l.values.operation === "Документы");
    expect(logged).toHaveLength(15);
  });

  it("the order: A4 portrait, ПРИКАЗ, numbered items, the pairs table, signature", async () => {
    const { text, xml } = await docxText(docx("2027-05-20 Приказ"));
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toContain('w:left="1701"');
    expect(text).toContain("ПРИКАЗ");
    expect(text).toContain("О закреплении наставнических пар (групп)");
    expect(text).toContain("ПРИКАЗЫВАЮ:");
    expect(text).toContain("№ Р-145");
    expect(text).toContain("№ | Наставник | Наставляемый | Форма наставничества | Ролевая модель | Срок");
    // Twelve pairs, approved on 1 October, to the end of the program.
    expect(text).toMatch(/\n12 \| [^\n]+ \| [^\n]+ \| [^\n]+ \| [^\n]+ \| 01\.10\.2026 – 31\.05\.2027/);
    expect(text).toContain("Директор МБОУ «СОШ № 1» | ____________ | С.Н. Баева");
    expect(text).toContain("С приказом ознакомлены:");
    expect(xml).toContain("<w:numPr>");
    expect(xml).toContain("<w:b/>");
  });

  it("a program: the meeting plan with dates from the pair's start", async () => {
    const { text } = await docxText(docx("Программа П-0001"));
    expect(text).toContain("Персонализированная программа наставничества");
    expect(text).toContain("1 | 01.10.2026 | встреча-знакомство |");
    expect(text).toContain("2 | 08.10.2026 | пробная рабочая встреча |");
    expect(text).toContain("3 | 15.10.2026 | встреча-планирование |");
    expect(text).toMatch(/\| 31\.05\.2027 \| итоговая встреча \|/);
    expect(text).toContain("Наставник | ____________ |");
  });

  it("the analytical note and the report carry the figures", async () => {
    const wb = await XlsxWorkbook.load(book);
    // The program's own row of «Мониторинг» (computed scores and the curator's expert ones).
    const program = Table.load(wb, "monitoring")
      .records()
      .find((r) => r.values.scope === "Программа в целом")!.values;
    const analysis = (await docxText(docx("Аналитическая справка"))).text;
    expect(analysis).toContain(`Итого баллов | ${program.total}`);
    expect(analysis).toContain(`${program.level} уровень`);
    expect(program.level).toBe("допустимый");
    expect(analysis).toContain("Оценка программы наставничества в организации");
    expect(analysis).toContain("5. Сильные стороны программы");
    const report = (await docxText(docx("Отчёт о реализации"))).text;
    const events = Table.load(wb, "roadmap").records().length;
    expect(report).toContain("Всего | 10 / 1 | 11 | 12");
    expect(report).toContain(`Всего | ${events} |`);
    expect(events).toBe(31);
    expect(report).toContain("Начальнику Управления образования города Каменска-Уральского");
  });

  it("regenerating on another day replaces the earlier version", async () => {
    const lines: string[] = [];
    const code = await run(
      ["doc", "order", "--file", book, "--out", out, "--today", "25.05.2027", "--quiet"],
      (s) => lines.push(s),
    );
    expect(code).toBe(0);
    expect(lines.join("")).toContain("обновлён: 2027-05-25 Приказ о закреплении пар.docx");
    const orders = readdirSync(year()).filter((f) => f.includes("Приказ о закреплении пар"));
    expect(orders).toEqual(["2027-05-25 Приказ о закреплении пар.docx"]);
    expect((await docxText(join(year(), orders[0]))).text).toContain("25 мая 2027 г.");
  });

  it("`mentor doc` without a kind explains itself", async () => {
    const r = await cli(["doc", "что-то"]);
    expect(r.code).toBe(2);
    expect(r.text).toContain(
      "Неизвестный вид документа «что-то»: order, program, programs, analysis, report, consent, agreement, notice, paylist, thanks, certificate, labour, mentors, all",
    );
  });
});

describe("every block of the model as .docx", () => {
  it("landscape page, runs, restarted numbering, merged title rows, borderless layout tables, page break", async () => {
    const path = join(dir, "specimen.docx");
    writeFileSync(path, await renderDocx(specimen()));
    const { text, xml } = await docxText(path);
    expect(xml).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/);
    expect(xml).toContain("<w:i/>");
    expect(xml).toMatch(/<w:u w:val="single"\/>/);
    const numIds = [...xml.matchAll(/<w:numId w:val="(\d+)"\/>/g)].map((m) => m[1]);
    expect(numIds).toHaveLength(4);
    expect(numIds[0]).toBe(numIds[1]);
    expect(numIds[2]).not.toBe(numIds[0]);
    expect(xml).toContain('<w:gridSpan w:val="3"/>');
    expect(xml).toContain('<w:br w:type="page"/>');
    expect(text).toContain("№ | Текст | Число\nГруппа 1\n1 | а | 10\nГруппа 2\n2 | б | 20");
    expect(text).toContain("слева | справа");
    expect(text).toContain("Директор | ____________ | Баева С.Н.");
  });
});

describe("mentor send-report writes .eml files to the outbox", () => {
  const emls = () => (existsSync(outbox) ? readdirSync(outbox).filter((f) => f.endsWith(".eml")) : []);

  it("a quota of zero writes the documents but no mail, and says why", async () => {
    const r = await cli(["send-report", "--to", "director", "--outbox", outbox, "--quota", "0"]);
    expect(r.code).toBe(1);
    expect(r.text).toContain(
      "Письмо на director@school1.ru не отправлено: дневной лимит писем исчерпан (осталось 0). Документы созданы и сохранены; повторите отправку завтра.",
    );
    expect(emls()).toHaveLength(0);
    expect(r.text).toContain("обновлён: 2027-05-20 Отчёт о реализации программы наставничества.docx");
    const wb = await XlsxWorkbook.load(book);
    const warn = Table.load(wb, "log")
      .records()
      .filter((l) => l.values.operation === "Отправка отчёта");
    expect(warn.map((l) => l.values.level)).toEqual(["предупреждение"]);
  });

  it("sends the report to the department with the .docx attached, once a month", async () => {
    const first = await cli(["send-report", "--to", "department", "--outbox", outbox]);
    expect(first.code).toBe(0);
    expect(emls()).toHaveLength(1);
    const eml = readFileSync(join(outbox, emls()[0]), "utf8");
    expect(eml).toContain("To: uo@kamensk-uralskiy.ru");
    expect(eml).toContain(
      "Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
    expect(eml).toContain("Content-Disposition: attachment;");
    expect(eml).toContain(
      `filename*=UTF-8''${encodeURIComponent("2027-05-20 Отчёт о реализации программы наставничества — МБОУ СОШ № 1, 2026-2027.docx")}`,
    );
    // Fit for a reader outside the school: answers go to the curator; no path on the curator's disk.
    expect(eml).toMatch(/^Reply-To: \S+@\S+$/m);
    const plain =
      /Content-Type: text\/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n([A-Za-z0-9+/=\r\n]+)/.exec(
        eml,
      );
    const text = Buffer.from((plain?.[1] ?? "").replace(/\r\n/g, ""), "base64").toString("utf8");
    expect(text).toContain("Документы (файлы во вложении):");
    expect(text).toContain("• 2027-05-20 Отчёт о реализации программы наставничества");
    expect(text).not.toContain(dir);
    expect(text).not.toMatch(/\.docx/);
    // The school's «Отчётный пакет» for the district roll-up (issue 19) goes with it.
    expect(eml).toContain("Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(eml).toContain(
      `filename*=UTF-8''${encodeURIComponent("Отчётный пакет МБОУ СОШ № 1 2026-2027.xlsx")}`,
    );

    const again = await cli(["send-report", "--to", "department", "--outbox", outbox]);
    expect(again.code).toBe(1);
    expect(again.text).toContain("уже отправлен на uo@kamensk-uralskiy.ru (20 мая 2027 г.)");
    expect(emls()).toHaveLength(1);

    const monthly = await cli(["send-report", "--monthly", "--outbox", outbox]);
    expect(monthly.code).toBe(0);
    expect(emls()).toHaveLength(2);
    const wb = await XlsxWorkbook.load(book);
    const sent = Table.load(wb, "log")
      .records()
      .filter((l) => l.values.operation === "Отправка отчёта" && l.values.level === "информация")
      .map((l) => l.values.source);
    expect(sent).toEqual(["report/2027-05/uo@kamensk-uralskiy.ru", "monthly/2027-05/director@school1.ru"]);
  });
});

/** Pages of a PDF: pdfinfo when present, else the page objects in its bytes. */
function pdfPages(path: string): number {
  try {
    const info = execFileSync("pdfinfo", [path], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    const m = /Pages:\s+(\d+)/.exec(info);
    if (m) return Number(m[1]);
  } catch {
    // no pdfinfo
  }
  const bytes = readFileSync(path).toString("latin1");
  return (bytes.match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

const LIBREOFFICE = libreOffice();
describeWith(LIBREOFFICE)("the .docx files convert to PDF with LibreOffice", () => {
  it("converts every document without error; pages counted", () => {
    const files = readdirSync(year()).filter((f) => f.endsWith(".docx"));
    const pdfDir = join(dir, "pdf");
    mkdirSync(pdfDir, { recursive: true });
    convertWithLibreOffice(
      LIBREOFFICE,
      files.map((f) => join(year(), f)),
      "pdf",
      pdfDir,
      180000,
    );
    const pages: Record<string, number> = {};
    for (const f of files) {
      const pdf = join(pdfDir, f.replace(/\.docx$/, ".pdf"));
      expect(existsSync(pdf)).toBe(true);
      expect(readFileSync(pdf).subarray(0, 5).toString("latin1")).toBe("%PDF-");
      pages[f] = pdfPages(pdf);
      expect(pages[f]).toBeGreaterThanOrEqual(1);
    }
    const order = Object.entries(pages).find(([f]) => f.includes("Приказ"))!;
    expect(order[1]).toBeLessThanOrEqual(5);
    process.stdout.write(
      `PDF pages (LibreOffice): ${Object.entries(pages)
        .map(([f, n]) => `${f.replace(/\.docx$/, "")}: ${n}`)
        .join("; ")}\n`,
    );
  });
});

/** The text of a .docx as written, non-breaking spaces kept: a line per paragraph or table row. */
async function docxRawText(path: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const xml = await zip.file("word/document.xml")!.async("string");
  return (xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? [])
    .map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(""))
    .join("\n")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

describe("page numbers in the .docx (ГОСТ Р 7.0.97-2016: top margin, centre, from page 2)", () => {
  it("a header with a PAGE field centred, and an empty header on the first page", async () => {
    const zip = await JSZip.loadAsync(readFileSync(docx("Приказ о закреплении пар")));
    const document = await zip.file("word/document.xml")!.async("string");
    expect(document).toMatch(/<w:titlePg\/>/);
    const refs = [...document.matchAll(/<w:headerReference w:type="(\w+)" r:id="(\w+)"\/>/g)];
    expect(refs.map((r) => r[1]).sort()).toEqual(["default", "first"]);
    const rels = await zip.file("word/_rels/document.xml.rels")!.async("string");
    const part = (id: string) => new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)![1];
    const byType = Object.fromEntries(
      await Promise.all(
        refs.map(async (r) => [r[1], await zip.file(`word/${part(r[2])}`)!.async("string")] as const),
      ),
    );
    expect(byType.default).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    expect(byType.default).toContain('<w:jc w:val="center"/>');
    expect(byType.first).not.toContain("PAGE");
  });
});

/** The text of each page of a PDF as laid out (pdftotext -layout), page 1 first. */
function pdfPagesText(path: string): string[] {
  const text = execFileSync("pdftotext", ["-layout", path, "-"], { encoding: "utf8" });
  return text.split("\f").filter((p, i, all) => i < all.length - 1 || p.trim() !== "");
}

const firstLines = (page: string, n: number) =>
  page
    .split("\n")
    .filter((l) => l.trim() !== "")
    .slice(0, n);

describeWith(LIBREOFFICE)("the documents' pages as LibreOffice sets them", () => {
  let pdfDir: string;

  beforeAll(() => {
    pdfDir = join(dir, "pdf-pages");
    mkdirSync(pdfDir, { recursive: true });
    const wanted = [
      "Приказ о закреплении пар",
      "Программа П-0001",
      "Аналитическая справка",
      "Отчёт о реализации",
    ];
    convertWithLibreOffice(
      LIBREOFFICE,
      wanted.map((w) => docx(w)),
      "pdf",
      pdfDir,
      180000,
    );
  });

  const pdf = (part: string) => {
    const f = readdirSync(pdfDir).find((n) => n.includes(part) && n.endsWith(".pdf"));
    if (!f) throw new Error(`no PDF like ${part}`);
    return join(pdfDir, f);
  };

  it("the order: text and signature on page 1, the appendix with its stamp at the top right of page 2, numbered", () => {
    const pages = pdfPagesText(pdf("Приказ о закреплении пар"));
    expect(pages.length).toBeGreaterThanOrEqual(3);
    const one = pages[0].replace(/\u00a0/g, " ");
    expect(one).toContain("ПРИКАЗЫВАЮ:");
    expect(one).toMatch(/Директор МБОУ «СОШ № 1»\s+_+\s+С\.Н\. Баева/);
    expect(one).not.toContain("Приложение");
    // No number on the first page: it starts with the «Проект» mark.
    expect(firstLines(one, 1)[0].trim()).toBe("Проект");
    const [number, stamp, to, date] = firstLines(pages[1].replace(/\u00a0/g, " "), 4);
    expect(number.trim()).toBe("2");
    // Centred: as much room on its left as on its right of an 80-odd column line.
    expect(number.indexOf("2")).toBeGreaterThan(25);
    expect(stamp.trim()).toBe("Приложение");
    expect(stamp.indexOf("Приложение")).toBeGreaterThan(40);
    expect(to.trim()).toBe("к приказу МБОУ «СОШ № 1»");
    expect(date.trim()).toMatch(/^от _+ № _+$/);
    expect(pages[1]).toContain("Список наставнических пар (групп)");
    expect(pages.at(-1)).toMatch(/^\s*\d+\s*\n/);
    expect(pages.join("\f")).toContain("Лист ознакомления");
  });

  it("every document numbers its pages from the second one; headers keep their words whole", () => {
    for (const part of ["Программа П-0001", "Аналитическая справка", "Отчёт о реализации"]) {
      const pages = pdfPagesText(pdf(part));
      expect([part, pages.length >= 2]).toEqual([part, true]);
      expect([part, firstLines(pages[1], 1)[0].trim()]).toEqual([part, "2"]);
      expect([part, /^\s*1\s*$/.test(firstLines(pages[0], 1)[0])]).toEqual([part, false]);
    }
    const report = pdfPagesText(pdf("Отчёт о реализации")).join("\n");
    expect(report).toContain("Мероприятий");
    expect(report).toContain("Просрочено");
    expect(report).toContain("Выполнение");
    const order = pdfPagesText(pdf("Приказ о закреплении пар")).join("\n");
    expect(order).toContain("наставничества");
    expect(order).not.toMatch(/наставничест\s*\n/);
    // The addressee at the top right and the outgoing number at the top left.
    const first = firstLines(pdfPagesText(pdf("Отчёт о реализации"))[0].replace(/\u00a0/g, " "), 4);
    expect(first[1]).toMatch(/^Исх\. № _+ от _+$/);
    expect(first[2].indexOf("Начальнику")).toBeGreaterThan(40);
  });
});

describe("`npm start` (mentor demo): no document has the defects of issue 16", () => {
  it("scans every document of the demo school", async () => {
    const demo = mkdtempSync(join(tmpdir(), "mentor-demo-docs-"));
    try {
      const code = await run(
        [
          "demo",
          "--file",
          join(demo, "demo.xlsx"),
          "--outbox",
          join(demo, "outbox"),
          "--documents",
          join(demo, "documents"),
          "--quiet",
        ],
        () => undefined,
      );
      expect(code).toBe(0);
      const years = readdirSync(join(demo, "documents"));
      expect(years).toHaveLength(1);
      const folder = join(demo, "documents", years[0]);
      const files = readdirSync(folder).filter((f) => f.endsWith(".docx"));
      expect(files.length).toBeGreaterThan(40);
      const defects: string[] = [];
      for (const f of files)
        for (const d of officialDefects(await docxRawText(join(folder, f)))) defects.push(`${f}: ${d}`);
      expect(defects).toEqual([]);
    } finally {
      rmSync(demo, { recursive: true, force: true });
    }
  }, 240000);
});
