import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { utcDate } from "../../src/core/dates";
import { noProgress } from "../../src/core/ports";
import { initWorkbook } from "../../src/core/usecases/init";
import { Table } from "../../src/core/workbook/table";
import { sampleSchool } from "../../src/demo/sample";
import { seedSampleSchool } from "../../src/demo/seed";
import { run } from "../../src/offline/cli";
import { XlsxWorkbook } from "../../src/offline/xlsx-workbook";
import { playDemoYear } from "../support/demo-year";
import { convertWithLibreOffice, describeWith, libreOffice } from "../support/tools";

/** The mentors' paperwork (ТК РФ ст. 351.8) through the `mentor` command on a real .xlsx and .docx. */
const NOW = new Date(Date.UTC(2027, 4, 20, 10, 0));
const clock = { now: () => NOW };

let dir: string;
let book: string;
let out: string;
let pairId: string;
const year = () => join(out, "2026-2027");

async function cli(args: string[]): Promise<{ code: number; text: string }> {
  const lines: string[] = [];
  const code = await run([...args, "--file", book, "--out", out, "--today", "20.05.2027", "--quiet"], (s) =>
    lines.push(s),
  );
  return { code, text: lines.join("").replace(/\u00a0/g, " ") };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "mentor-labour-"));
  book = join(dir, "школа.xlsx");
  out = join(dir, "documents");
  const wb = XlsxWorkbook.create();
  initWorkbook({ workbook: wb, clock, progress: noProgress });
  seedSampleSchool(wb, sampleSchool(NOW), noProgress);
  playDemoYear(wb, utcDate(2027, 5, 20));
  const settings = Table.load(wb, "settings");
  settings.set(settings.find("key", "pay_amount"), "value", 3000);
  settings.flush(wb);
  const mentors = Table.load(wb, "mentors");
  const staff = new Set(
    mentors
      .records()
      .filter((m) => m.values.source === "педагоги школы")
      .map((m) => String(m.values.id)),
  );
  pairId = String(
    Table.load(wb, "pairs")
      .records()
      .find((p) => p.values.status === "утверждена" && staff.has(String(p.values.mentor_id)))!.values.pair_id,
  );
  await wb.save(book);
}, 120000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("mentor doc --help and mentor end-pair", () => {
  it("`mentor doc --help` lists the new kinds", async () => {
    const lines: string[] = [];
    expect(await run(["doc", "--help"], (s) => lines.push(s))).toBe(0);
    const help = lines.join("");
    for (const kind of ["consent", "agreement", "notice", "paylist", "thanks", "certificate", "end-pair"])
      expect([kind, help.includes(kind)]).toEqual([kind, true]);
  });

  it("ends a pair on the production calendar and writes the notice", async () => {
    const r = await cli([
      "end-pair",
      pairId,
      "--by",
      "работодатель",
      "--reason",
      "Перевод наставляемого",
      "--notice",
      "29.04.2027",
    ]);
    expect(r.code).toBe(0);
    expect(r.text).toContain(`Пара ${pairId}`);
    expect(r.text).toContain("последний день наставничества 05.05.2027, уведомление 29.04.2027");
    const notice = readdirSync(year()).filter((f) =>
      f.startsWith(`Уведомление о прекращении наставничества ${pairId}`),
    );
    expect(notice).toHaveLength(1);
    const wb = await XlsxWorkbook.load(book);
    const pairs = Table.load(wb, "pairs");
    const row = pairs.find("pair_id", pairId);
    expect(pairs.get(row, "status")).toBe("расторгнута");
    expect(pairs.get(row, "end_date")).toEqual(utcDate(2027, 5, 5));
    // A second end of the same pair is refused in Russian.
    const again = await cli(["end-pair", pairId, "--by", "наставник"]);
    expect(again.code).not.toBe(0);
    expect(again.text).toContain("не утверждена");
  }, 120000);

  it("`mentor doc mentors --month 2027-04`: the six kinds where they apply, and the pay list's sheet", async () => {
    const r = await cli(["doc", "mentors", "--month", "2027-04"]);
    expect(r.code).toBe(0);
    const files = readdirSync(year());
    for (const prefix of [
      "Согласие на наставничество Н-",
      "Доп. соглашение о наставничестве Н-",
      "Уведомление о прекращении наставничества П-",
      "Список на доплату за наставничество 2027-04",
      "Справка о наставничестве 2026-2027 Н-",
    ])
      expect([prefix, files.some((f) => f.startsWith(prefix))]).toEqual([prefix, true]);
    // No ranking yet: the letters are refused with the reason.
    expect(r.text).toContain("Благодарственные письма не созданы");
    const wb = await XlsxWorkbook.load(book);
    const rows = Table.load(wb, "pay_list").records();
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.every((x) => x.values.month === "2027-04")).toBe(true);
    const bad = await cli(["doc", "paylist", "--month", "апрель"]);
    expect(bad.code).toBe(2);
  }, 180000);
});

function pdfPages(path: string): { pages: number; landscape: boolean } {
  const bytes = readFileSync(path).toString("latin1");
  const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(bytes);
  return {
    pages: (bytes.match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length,
    landscape: box !== null && Number(box[1]) > Number(box[2]),
  };
}

const LIBREOFFICE = libreOffice();
describeWith(LIBREOFFICE)("the labour documents convert to PDF with LibreOffice", () => {
  it("one of each kind: a page or two, the pay list in landscape", () => {
    const files = readdirSync(year()).filter((f) => f.endsWith(".docx"));
    const pick = [
      "Согласие на наставничество",
      "Доп. соглашение о наставничестве",
      "Уведомление о прекращении наставничества",
      "Список на доплату за наставничество",
      "Справка о наставничестве",
    ].map((p) => files.find((f) => f.startsWith(p))!);
    const pdfDir = join(dir, "pdf");
    mkdirSync(pdfDir, { recursive: true });
    convertWithLibreOffice(
      LIBREOFFICE,
      pick.map((f) => join(year(), f)),
      "pdf",
      pdfDir,
      180000,
    );
    for (const f of pick) {
      const pdf = join(pdfDir, f.replace(/\.docx$/, ".pdf"));
      expect(existsSync(pdf)).toBe(true);
      const { pages, landscape } = pdfPages(pdf);
      expect([f, pages >= 1 && pages <= 3]).toEqual([f, true]);
      expect([f, landscape]).toEqual([f, f.startsWith("Список на доплату")]);
    }
  }, 240000);
});
