/**
 * Issue 19, done when: three packages made from the demo school (`mentor demo`) under three
 * identities (`mentor package` on three copies whose «Настройки» name other schools) roll up with
 * `mentor district` to exactly three times each count in the district workbook; both commands'
 * --help answer in Russian; the report .docx is written beside the workbook.
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DISTRICT_SHEETS } from "../../src/core/district/sheets";
import type { Cell } from "../../src/core/ports";
import { Table } from "../../src/core/workbook/table";
import { run } from "../../src/offline/cli";
import { readPackageBytes } from "../../src/offline/district";
import { XlsxWorkbook } from "../../src/offline/xlsx-workbook";

const dir = mkdtempSync(join(tmpdir(), "mentor-district-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const quiet = () => {};

async function mentor(args: string[]): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const code = await run([...args, "--quiet"], (s) => out.push(s));
  return { code, out: out.join("") };
}

describe("mentor package and mentor district", () => {
  it("answer --help in Russian, each with its own help", async () => {
    for (const [command, words] of [
      ["district", ["сводка района", "--out", "не средние процентов", "контрольная сумма"]],
      ["package", ["отчётный пакет", "только числа", "--out"]],
    ] as const) {
      const { code, out } = await mentor([command, "--help"]);
      expect(code).toBe(0);
      expect(out.startsWith(`mentor ${command} — `)).toBe(true);
      for (const w of words) expect(out.toLowerCase()).toContain(w.toLowerCase());
      expect(out).not.toMatch(/\b(usage|options|error)\b/i);
    }
    expect((await mentor(["help", "district"])).out).toContain("mentor district — ");
  });

  it("three packages of the demo school under three identities roll up to exactly three times each count", async () => {
    const demo = join(dir, "demo.xlsx");
    expect(await run(["demo", "--file", demo, "--today", "20.05.2027", "--quiet"], quiet)).toBe(0);
    const packages = join(dir, "пакеты");
    for (const [n, name] of ["Школа № 1", "Школа № 2", "Лицей № 3"].entries()) {
      const copy = join(dir, `школа ${n}.xlsx`);
      copyFileSync(demo, copy);
      const wb = await XlsxWorkbook.load(copy);
      const settings = Table.load(wb, "settings");
      for (const r of settings.rowIndexes()) {
        if (settings.get(r, "key") === "school_name") settings.set(r, "value", name);
        if (settings.get(r, "key") === "school_short") settings.set(r, "value", name);
      }
      settings.flush(wb);
      await wb.save(copy);
      const made = await mentor(["package", "--file", copy, "--out", packages, "--today", "20.05.2027"]);
      expect(made).toMatchObject({ code: 0 });
      expect(made.out).toContain("персональных данных в пакете нет");
    }
    const files = readdirSync(packages).sort();
    expect(files).toHaveLength(3);
    const one = await readPackageBytes(readFileSync(join(packages, files[0])));
    expect(one.checksumOk).toBe(true);

    const out = join(dir, "район.xlsx");
    const r = await mentor(["district", packages, "--out", out, "--today", "01.06.2027"]);
    expect(r).toMatchObject({ code: 0 });
    expect(r.out).toContain("учтено 3 пакета");
    expect(existsSync(join(dir, "район — отчёт.docx"))).toBe(true);

    // «Итоги района» against three times the package's own rows.
    const wb = await XlsxWorkbook.load(out);
    const totals = wb.read(DISTRICT_SHEETS.totals);
    const rowOf = (label: string): Cell[] => {
      const row = totals.find((x) => x[0] === label);
      if (!row) throw new Error(`no row «${label}»`);
      return row;
    };
    const p = one.package!;
    const m = p.mentors;
    expect(rowOf("Наставники").slice(1, 7)).toEqual(
      [m.total, m.candidates, m.admitted, m.paired, m.finished, m.left].map((v) => 3 * v),
    );
    const n = p.mentees;
    expect(rowOf("Наставляемые").slice(1, 7)).toEqual(
      [n.total, n.waiting, n.supported, n.paired, n.finished, n.left].map((v) => 3 * v),
    );
    const f = p.fsn;
    expect(rowOf("Участников программ наставничества")[1]).toBe(3 * f.participants);
    expect(rowOf("из них наставников")[1]).toBe(3 * f.mentors);
    expect(rowOf("Наставляемых — обучающихся 10–18 лет")[1]).toBe(3 * f.menteePupils);
    const rm = p.roadmap;
    const roadmapRow = totals.filter((x) => x[0] === "Всего по району")[2];
    expect(roadmapRow.slice(1, 7)).toEqual(
      [rm.total, rm.done, rm.inProgress, rm.planned, rm.overdue, rm.cancelled].map((v) => 3 * v),
    );
    const pr = p.pairs;
    expect(totals.filter((x) => x[0] === "Всего по району")[0].slice(1, 8)).toEqual(
      [pr.proposed, pr.approved, pr.completed, pr.terminated, pr.rejected, pr.individual, pr.groups].map(
        (v) => 3 * v,
      ),
    );
    for (const form of p.forms) {
      const row = rowOf(form.form);
      expect(row.slice(1, 7)).toEqual(
        [form.mentors, form.mentees, form.waiting, form.proposed, form.approved, form.completed].map(
          (v) => 3 * v,
        ),
      );
    }
    for (const i of p.indicators) {
      const row = totals.find((x) => String(x[0]).startsWith(`${i.code}.`))!;
      expect([row[3], row[4]]).toEqual([3 * i.part, 3 * i.whole]);
    }
    const schools = wb.read(DISTRICT_SHEETS.schools);
    expect(schools.map((x) => x[0]).slice(1)).toEqual([
      "Лицей № 3",
      "Школа № 1",
      "Школа № 2",
      "Итого по району",
    ]);
    expect(
      wb
        .read(DISTRICT_SHEETS.check)
        .slice(1)
        .map((x) => x[5]),
    ).toEqual(["да", "да", "да"]);
    // The district's tables read like the school's (issue 17, item 3): the header row in the
    // template's font, frozen with the school's name, a filter from it; a report sheet neither.
    const seen = (name: string) => {
      const ws = wb.book.getWorksheet(name)!;
      const view = (ws.views?.[0] ?? {}) as { ySplit?: number; xSplit?: number };
      return {
        frozen: [view.ySplit ?? 0, view.xSplit ?? 0],
        filter: String(ws.autoFilter ?? "").replace(/\d+$/, ""),
        font: ws.getCell(1, 1).font?.name,
      };
    };
    expect(seen(DISTRICT_SHEETS.schools)).toMatchObject({ frozen: [1, 1], font: "Arial" });
    expect(seen(DISTRICT_SHEETS.schools).filter).toMatch(/^A1:[A-Z]+$/);
    expect(seen(DISTRICT_SHEETS.ranking)).toEqual({ frozen: [1, 2], filter: "A1:E", font: "Arial" });
    expect(seen(DISTRICT_SHEETS.check)).toEqual({ frozen: [1, 1], filter: "A1:H", font: "Arial" });
    expect(seen(DISTRICT_SHEETS.totals)).toMatchObject({ frozen: [0, 0], filter: "" });
    // The department's own list: its header like the others', frozen, no filter over its hint.
    expect(seen(DISTRICT_SHEETS.expected)).toEqual({ frozen: [1, 0], filter: "", font: "Arial" });
    // Widths in characters, as given: «Школа» 34 characters wide (it was 5).
    expect(wb.book.getWorksheet(DISTRICT_SHEETS.schools)!.getColumn(1).width).toBe(34);
  }, 180_000);

  it("refuses a call without packages or without --out, in Russian", async () => {
    expect(await mentor(["district", "--out", join(dir, "x.xlsx")])).toMatchObject({ code: 2 });
    const r = await mentor(["district", dir]);
    expect(r.code).toBe(2);
    expect(r.out).toContain("Укажите книгу района");
  });
});
