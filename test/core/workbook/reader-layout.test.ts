import { sheetTemplate, workbookTemplate } from "../../../src/core/templates/load";
import { workbookTemplateSchema } from "../../../src/core/templates/schema";
import { buildLayout } from "../../../src/core/workbook/layout";

/** The reading set-up of a sheet (issue 17, item 3) comes from workbook.json, by column key. */
const indexOf = (key: Parameters<typeof sheetTemplate>[0]) =>
  Object.fromEntries(sheetTemplate(key).columns.map((c, i) => [c.key, i]));

describe("reading layouts from the template", () => {
  it("freezes up to the name column wherever the curator moved it, filters tables, not lists", () => {
    const mentors = sheetTemplate("mentors");
    const at = indexOf("mentors");
    expect(buildLayout(mentors, at, null, String)).toMatchObject({ frozenColumns: 4, filter: true });
    // ФИО moved to the first column: only it stays frozen.
    const moved = { ...at, full_name: 0, id: 3 };
    expect(buildLayout(mentors, moved, null, String).frozenColumns).toBe(1);
    expect(buildLayout(sheetTemplate("lists"), indexOf("lists"), null, String).filter).toBeUndefined();
    expect(buildLayout(sheetTemplate("log"), indexOf("log"), null, String).frozenColumns).toBeUndefined();
  });

  it("hides technical columns, wraps long text, sets every sheet up for print", () => {
    const pairs = buildLayout(sheetTemplate("pairs"), indexOf("pairs"), null, String);
    expect(pairs.print).toBe(true);
    const explanation = indexOf("pairs").explanation;
    expect(pairs.columns.find((c) => c.index === explanation)).toMatchObject({ wrap: true });
    expect(pairs.columns.filter((c) => c.hidden)).toEqual([]);
    const growth = buildLayout(sheetTemplate("growth"), indexOf("growth"), null, String);
    expect(growth.columns.filter((c) => c.hidden).map((c) => c.index)).toEqual([14, 15]);
    expect(growth.print).toBe(true);
    for (const s of workbookTemplate().sheets)
      if (s.kind !== "dashboard")
        expect([s.name, buildLayout(s, indexOf(s.key), null, String).print]).toEqual([s.name, true]);
  });

  it("refuses a name column that is not a column of the sheet, or is hidden", () => {
    const wb = workbookTemplate();
    const broken = (change: (s: (typeof wb.sheets)[number]) => void) => {
      const copy = JSON.parse(JSON.stringify(wb)) as typeof wb;
      change(copy.sheets.find((s) => s.key === "pairs")!);
      return workbookTemplateSchema.safeParse(copy).error?.issues.map((i) => i.message);
    };
    expect(broken(() => {})).toBeUndefined();
    expect(broken((s) => (s.nameColumn = "nobody"))).toEqual(["Пары: nameColumn nobody is not a column"]);
    expect(
      broken((s) => {
        s.columns.find((c) => c.key === "mentee_name")!.hidden = true;
      }),
    ).toEqual(["Пары: nameColumn mentee_name is hidden"]);
  });
});
