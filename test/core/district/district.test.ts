/**
 * Issue 19: the school's «Отчётный пакет» and the district roll-up, on the demo school's year.
 * Three packages made from the demo school under three identities roll up to exactly three times
 * each count; totals are sums of numerators and denominators; a package of another year, a school
 * twice, a package edited by hand and one of an older format are flagged and never summed; no cell
 * of the district workbook (nor the report) holds a person's name, e-mail, birth date or free text.
 */
import { createHash } from "node:crypto";
import JSZip from "jszip";
import { utcDate } from "../../../src/core/dates";
import {
  checksumOf,
  packageRows,
  type ReadPackage,
  readPackageRows,
  type SchoolPackage,
} from "../../../src/core/district/package";
import { DATA_SHEET, xlsxSheetGrid } from "../../../src/core/district/package-file";
import { type PackageSource, rollUp } from "../../../src/core/district/rollup";
import { DISTRICT_SHEETS } from "../../../src/core/district/sheets";
import { plainText } from "../../../src/core/documents/model";
import { type Cell, type MailMessage, noProgress } from "../../../src/core/ports";
import { sha256 } from "../../../src/core/sha256";
import { sheetTemplate, workbookTemplate } from "../../../src/core/templates/load";
import { makePackage, rollUpSources, writeDistrict } from "../../../src/core/usecases/district";
import { attachmentOf, type DocumentStorePort, generateAndSend } from "../../../src/core/usecases/documents";
import { initWorkbook } from "../../../src/core/usecases/init";
import { Table } from "../../../src/core/workbook/table";
import { sampleSchool } from "../../../src/demo/sample";
import { seedSampleSchool } from "../../../src/demo/seed";
import { playDemoYear } from "../../support/demo-year";
import { MemoryWorkbook } from "../../support/memory-workbook";

const NOW = new Date(Date.UTC(2027, 4, 20, 10, 0));
const TODAY = utcDate(2027, 5, 20);

let demo: MemoryWorkbook;
beforeAll(() => {
  demo = new MemoryWorkbook();
  const clock = { now: () => utcDate(2026, 9, 1) };
  initWorkbook({ workbook: demo, clock, progress: noProgress });
  seedSampleSchool(demo, sampleSchool(utcDate(2026, 9, 1)), noProgress);
  playDemoYear(demo, TODAY);
}, 120_000);

/** A copy of the demo school under another name and town. */
function school(name: string, city: string, year = "2026/2027"): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  for (const sheet of demo.sheetNames()) {
    wb.ensureSheet(sheet);
    const grid = demo.read(sheet);
    if (grid.length > 0) wb.write(sheet, 0, 0, grid);
  }
  const settings = Table.load(wb, "settings");
  for (const r of settings.rowIndexes()) {
    const key = String(settings.get(r, "key"));
    if (key === "school_name") settings.set(r, "value", name);
    if (key === "school_short") settings.set(r, "value", "");
    if (key === "school_city") settings.set(r, "value", city);
    if (key === "school_year") settings.set(r, "value", year);
  }
  settings.flush(wb);
  return wb;
}

/** The «Данные» grid of a package's .xlsx bytes, as the district reads it (unzipped by JSZip). */
async function dataGrid(bytes: Uint8Array): Promise<Cell[][]> {
  const zip = await JSZip.loadAsync(bytes);
  const parts: Record<string, string> = {};
  for (const [path, f] of Object.entries(zip.files)) if (!f.dir) parts[path] = await f.async("string");
  const grid = xlsxSheetGrid(parts, DATA_SHEET);
  if (!grid) throw new Error("no «Данные» sheet");
  return grid;
}

async function packageOf(wb: MemoryWorkbook, at: Date = NOW): Promise<{ read: ReadPackage; grid: Cell[][] }> {
  const made = makePackage({ workbook: wb, clock: { now: () => at } });
  const grid = await dataGrid(made.bytes);
  return { read: readPackageRows(grid), grid };
}

/** Every number of a package by its dotted key (the machine rows), school's identity and dates left out. */
function counts(p: SchoolPackage): Map<string, number> {
  const out = new Map<string, number>();
  for (const [k, v] of packageRows(p))
    if (
      typeof v === "number" &&
      !/^(version|year|achieved|satisfaction\.threshold|monitoring\.total)$/.test(k) &&
      !/\.(target|actual)$/.test(k) &&
      !k.endsWith(".count")
    )
      out.set(k, v);
  return out;
}

describe("SHA-256 in pure TypeScript", () => {
  it("matches the standard vectors and Node's crypto on Russian text", () => {
    expect(sha256("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    for (const text of ["Наставничество: отчётный пакет", "x".repeat(55), "y".repeat(64), "ё😀".repeat(100)])
      expect(sha256(text)).toBe(createHash("sha256").update(text, "utf8").digest("hex"));
  });
});

describe("the school's package", () => {
  it("carries the figures of «Сводка», a checksum that matches, and reads back as it was made", async () => {
    const { read } = await packageOf(demo);
    expect(read.checksumOk).toBe(true);
    const p = read.package!;
    expect(p.year).toBe(2026);
    expect(p.indicators.map((i) => i.code)).toEqual(["1", "2", "3", "4", "5", "6"]);
    expect(p.fsn.participants).toBeGreaterThan(0);
    expect(p.fsn.participants).toBe(p.fsn.mentors + p.fsn.mentees);
    expect(p.satisfaction.mentees.respondents).toBe(p.indicators[4].whole);
    const made = makePackage({ workbook: demo, clock: { now: () => NOW } }).package;
    expect(read.package).toEqual(made);
  });
});

describe("the district roll-up", () => {
  it("three packages of the demo school under three identities roll up to exactly three times each count", async () => {
    const names = [
      ["Школа № 1", "Каменск-Уральский"],
      ["Школа № 2", "Каменск-Уральский"],
      ["Гимназия № 3", "Каменск-Уральский"],
    ];
    const sources: PackageSource[] = [];
    for (const [name, city] of names)
      sources.push({ source: `${name}.xlsx`, read: (await packageOf(school(name, city))).read });
    expect(sources.every((s) => s.read.checksumOk)).toBe(true);
    const r = rollUp(sources, 2026);
    expect(r.accepted).toHaveLength(3);
    const one = counts(sources[0].read.package!);
    const total: SchoolPackage = {
      ...sources[0].read.package!,
      indicators: sources[0].read.package!.indicators.map((i, n) => ({
        ...i,
        part: r.indicators[n].part,
        whole: r.indicators[n].whole,
      })),
      mentors: r.mentors,
      mentees: r.mentees,
      forms: r.forms,
      pairs: r.pairs,
      monitoring: { ...sources[0].read.package!.monitoring, ...r.monitoring },
      roadmap: r.roadmap,
      satisfaction: {
        ...sources[0].read.package!.satisfaction,
        mentees: r.satisfaction.mentees,
        mentors: r.satisfaction.mentors,
      },
      fsn: r.fsn,
    };
    const three = counts(total);
    expect(one.size).toBeGreaterThan(60);
    let nonZero = 0;
    for (const [k, v] of one) {
      expect([k, three.get(k)]).toEqual([k, 3 * v]);
      if (v > 0) nonZero++;
    }
    expect(nonZero).toBeGreaterThan(20);
    // The district's shares are those of one school (3 part ÷ 3 whole), not a mean of anything.
    // Indicator 4 counts organisations (units): the district's is their sum.
    for (const [n, i] of r.indicators.entries()) {
      const own = sources[0].read.package!.indicators[n].actual;
      expect(i.actual).toBe(i.unit === "%" ? own : 3 * (own ?? 0));
    }
  });

  it("totals are Σ numerators ÷ Σ denominators, never a mean of the schools' percentages", async () => {
    const a = (await packageOf(school("Школа А", "Город"))).read;
    const b = structuredClone(a);
    b.package!.school.name = "Школа Б";
    b.package!.indicators[0] = { ...b.package!.indicators[0], part: 1, whole: 10, target: 50 };
    a.package!.indicators[0] = { ...a.package!.indicators[0], part: 90, whole: 100, target: 80 };
    for (const p of [a, b])
      p.package!.indicators[4] = { ...p.package!.indicators[4], part: 0, whole: 0, target: 85 };
    const r = rollUp(
      [
        { source: "a", read: a },
        { source: "b", read: b },
      ],
      2026,
    );
    const i1 = r.indicators[0];
    expect(i1.part).toBe(91);
    expect(i1.whole).toBe(110);
    expect(i1.actual).toBe(82.7); // 91 ÷ 110, where the mean of 90 % and 10 % would be 50 %
    expect(i1.target).toBe(77.3); // (80 × 100 + 50 × 10) ÷ 110
    // No exit answers anywhere: no denominator to weigh the targets by; the target both schools share.
    expect(r.indicators[4]).toMatchObject({ part: 0, whole: 0, actual: null, status: "нет данных" });
    expect(r.indicators[4].target).toBe(a.package!.indicators[4].target);
  });

  it("flags a package of another year, a school twice, one edited by hand and one of an older format, and sums none of them", async () => {
    const good = await packageOf(school("Школа № 1", "Город"), NOW);
    const again = await packageOf(school("Школа № 1", "Город"), new Date(Date.UTC(2027, 4, 21, 9, 0)));
    const nextYear = await packageOf(
      school("Школа № 5", "Город", "2027/2028"),
      new Date(Date.UTC(2027, 8, 10, 9, 0)),
    );
    // Edited by hand: one figure of «Данные» changed, the checksum left as it was.
    const edited = (await packageOf(school("Школа № 6", "Город"))).grid.map((r) => r.slice());
    const row = edited.findIndex((r) => r[0] === "fsn.participants");
    edited[row][1] = Number(edited[row][1]) + 100;
    // An older format: the version lowered, the checksum made again (so only the version flags it).
    const old = (await packageOf(school("Школа № 7", "Город"))).grid.map((r) => r.slice());
    const rows = old.filter((r) => r[0] !== "ключ" && r[0] !== "checksum") as [string, Cell][];
    rows.find((r) => r[0] === "version")![1] = 0;
    const oldGrid: Cell[][] = [...rows, ["checksum", checksumOf(rows)]];
    const sources: PackageSource[] = [
      { source: "первый.xlsx", read: good.read },
      { source: "повтор.xlsx", read: again.read },
      { source: "следующий год.xlsx", read: nextYear.read },
      { source: "правленый.xlsx", read: readPackageRows(edited) },
      { source: "старый.xlsx", read: readPackageRows(oldGrid) },
      { source: "не пакет.xlsx", read: readPackageRows([["что-то", 1]]) },
    ];
    const r = rollUp(sources, 2026, [
      { name: "Школа № 1", city: "Город" },
      { name: "Школа № 6", city: "Город" },
      { name: "Школа № 9", city: "" },
    ]);
    const flags = Object.fromEntries(r.entries.map((e) => [e.source, e.flags]));
    expect(flags).toEqual({
      "первый.xlsx": ["duplicate"],
      "повтор.xlsx": [],
      "следующий год.xlsx": ["year"],
      "правленый.xlsx": ["checksum"],
      "старый.xlsx": ["version"],
      "не пакет.xlsx": ["unreadable"],
    });
    expect(r.accepted.map((e) => e.source)).toEqual(["повтор.xlsx"]);
    // Nothing flagged is summed: the totals are the one accepted package's.
    expect(r.fsn).toEqual(again.read.package!.fsn);
    expect(r.indicators.map((i) => [i.part, i.whole])).toEqual(
      again.read.package!.indicators.map((i) => [i.part, i.whole]),
    );
    expect(r.missing.map((m) => [m.school.name, m.sent])).toEqual([
      ["Школа № 6", ["правленый.xlsx"]],
      ["Школа № 9", []],
    ]);
    for (const e of r.entries.filter((x) => !x.accepted)) expect(e.notes.join(" ")).not.toBe("");
  });

  it("no cell of the district workbook nor line of its report holds a person's name, e-mail, birth date or free text", async () => {
    const sources: PackageSource[] = [];
    for (const n of [1, 2, 3])
      sources.push({
        source: `школа ${n}.xlsx`,
        read: (await packageOf(school(`Школа № ${n}`, "Город"))).read,
      });
    const result = rollUpSources(sources, TODAY, {
      district: "Управление образования",
      expected: [{ name: "Школа № 4", city: "" }],
    });
    const wb = new MemoryWorkbook();
    writeDistrict(wb, result.plan);
    // The demo's people: every personal column of every sheet that holds personal data.
    // A value met in at most two rows is a person's (a name, an address, an answer); the columns'
    // shared vocabulary («наставник», «в паре») is not.
    const seen = new Map<string, number>();
    const dates: number[] = [];
    for (const sheet of workbookTemplate().sheets) {
      const personal = sheetTemplate(sheet.key)
        .columns.filter((c) => c.personal)
        .map((c) => c.key);
      if (personal.length === 0) continue;
      const t = Table.load(demo, sheet.key as never) as unknown as Table<"mentors">;
      for (const r of t.rowIndexes())
        for (const key of personal) {
          const v = t.get(r, key as never) as Cell;
          if (v instanceof Date) dates.push(v.getTime());
          else if (String(v).trim().length >= 4) {
            const text = String(v).trim().toLowerCase();
            // Names, addresses and phones always count, however often they are repeated.
            const identifying = /name|email|phone|birth/.test(key) && /\s|@|\d/.test(text);
            seen.set(text, identifying ? 0 : (seen.get(text) ?? 0) + 1);
          }
        }
    }
    const people = new Set(
      [...seen].filter(([text, n]) => n === 0 || (n <= 2 && text.length >= 12)).map(([text]) => text),
    );
    for (const m of Table.load(demo, "mentors").records())
      expect(people).toContain(String(m.values.full_name).toLowerCase());
    expect(people.size).toBeGreaterThan(100);
    const cells: string[] = [];
    for (const sheet of wb.sheetNames())
      for (const row of wb.read(sheet))
        for (const v of row) {
          if (v instanceof Date) expect(dates).not.toContain(v.getTime());
          else if (v !== "") cells.push(String(v).toLowerCase());
        }
    cells.push(...plainText(result.report).toLowerCase().split("\n"));
    expect(cells.length).toBeGreaterThan(200);
    const leaks: string[] = [];
    for (const c of cells) for (const p of people) if (c.includes(p)) leaks.push(`${p} in «${c}»`);
    expect(leaks).toEqual([]);
    // No address at all, and no birth date of the demo's people written as text.
    for (const c of cells) expect(c).not.toMatch(/@/);
    const asText = (t: number) => new Date(t).toISOString().slice(0, 10).split("-").reverse().join(".");
    expect(dates.length).toBeGreaterThan(50);
    for (const c of cells)
      for (const t of dates) expect(c.includes(asText(t)) ? `${asText(t)} in «${c}»` : "").toBe("");
    expect(wb.sheetNames()).toEqual(
      expect.arrayContaining(Object.values(DISTRICT_SHEETS).filter((s) => s !== DISTRICT_SHEETS.expected)),
    );
  });
});

describe("the report mail to the department", () => {
  it("carries the school's package, the same figures as «Отчётный пакет» of the menu", async () => {
    const wb = school("Школа № 1", "Город");
    const settings = Table.load(wb, "settings");
    for (const r of settings.rowIndexes())
      if (settings.get(r, "key") === "department_email") settings.set(r, "value", "uo@example.ru");
    settings.flush(wb);
    const sent: MailMessage[] = [];
    const store: DocumentStorePort = {
      folderOf: () => "память",
      save: (doc) => ({
        kind: doc.kind,
        key: doc.key,
        name: doc.name,
        title: doc.title,
        id: doc.name,
        url: doc.name,
        replaced: false,
      }),
      attachment: (doc) => attachmentOf(doc, "docx", new Uint8Array([1])),
    };
    const mailer = { remainingQuota: () => 100, send: (m: MailMessage) => sent.push(m) };
    const clock = { now: () => NOW };
    const outcome = generateAndSend(
      { workbook: wb, clock, store, mailer },
      { recipient: "department", kind: "report" },
    );
    expect(outcome.sent).toBe(true);
    const attached = sent[0].attachments!.find((a) => a.name.startsWith("Отчётный пакет"))!;
    expect(attached.mimeType).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const read = readPackageRows(await dataGrid(attached.bytes));
    expect(read.checksumOk).toBe(true);
    expect(read.package).toEqual(makePackage({ workbook: wb, clock }).package);
    expect(sent[0].body).toContain("без персональных данных");
    // The director's mail carries no package.
    const director = generateAndSend(
      { workbook: wb, clock, store, mailer },
      { recipient: "curator", kind: "report" },
    );
    if (director.sent)
      expect(sent[1].attachments!.some((a) => a.name.startsWith("Отчётный пакет"))).toBe(false);
  });
});
