import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { noProgress } from "../../../src/core/ports";
import { asSheetKey, sheetName, sheetTemplate } from "../../../src/core/templates/load";
import { initWorkbook } from "../../../src/core/usecases/init";
import type { ColumnKey, ListKey, SettingKey, SheetKey } from "../../../src/core/workbook/keys.generated";
import { Table } from "../../../src/core/workbook/table";
import { MemoryWorkbook } from "../../support/memory-workbook";

const root = join(__dirname, "../../..");

describe("keys.generated.ts", () => {
  test("is what scripts/gen-keys.mjs makes of sheets-templates/workbook.json now", () => {
    const run = spawnSync(process.execPath, [join(root, "scripts/gen-keys.mjs"), "--stdout"], {
      cwd: root,
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const committed = readFileSync(join(root, "src/core/workbook/keys.generated.ts"), "utf8");
    // A template change without `node scripts/gen-keys.mjs` (or `npm run build`) fails here.
    expect(committed).toBe(run.stdout);
  });
});

/**
 * The `@ts-expect-error` lines are the proof: `npm run typecheck` (tsc over test/ too) fails if
 * one of them compiles, i.e. if an unknown key were accepted. At run time each still fails loudly.
 */
describe("typed sheet and column keys", () => {
  const wb = new MemoryWorkbook();
  initWorkbook({
    workbook: wb,
    clock: { now: () => new Date(Date.UTC(2026, 8, 1, 9)) },
    progress: noProgress,
  });

  test("an unknown sheet key does not compile", () => {
    // @ts-expect-error: there is no sheet «mentor» (it is «mentors»)
    expect(() => Table.load(wb, "mentor")).toThrow("Unknown sheet template: mentor");
    // @ts-expect-error: likewise for the template and the sheet name
    expect(() => sheetName("pair")).toThrow("Unknown sheet template: pair");
    // @ts-expect-error: likewise for the template
    expect(() => sheetTemplate("meeting")).toThrow("Unknown sheet template: meeting");
    // A key read from data is checked once, at run time.
    expect(() => asSheetKey("mentor")).toThrow("Unknown sheet template: mentor");
    expect(asSheetKey("mentors")).toBe("mentors");
  });

  test("an unknown column key does not compile", () => {
    const mentors = Table.load(wb, "mentors");
    const row = mentors.add({ id: "Н-0001", full_name: "Иванова Анна" });
    expect(mentors.get(row, "full_name")).toBe("Иванова Анна");
    // @ts-expect-error: «Наставники» have no «pair_id» column (it is on «Пары»)
    expect(() => mentors.get(row, "pair_id")).toThrow("Unknown column pair_id");
    // @ts-expect-error: a typo
    expect(() => mentors.set(row, "fullname", "Иванова А.")).toThrow("Unknown column fullname");
    // @ts-expect-error: a new row of an unknown column
    mentors.add({ full_name: "Петров Пётр", mentee_id: "НЯ-0001" });
    // @ts-expect-error: a record has the sheet's columns only
    expect(mentors.record(row).mentee_id).toBeUndefined();
    expect(mentors.record(row).id).toBe("Н-0001");
  });

  test("keys as types", () => {
    const sheet: SheetKey = "pairs";
    const column: ColumnKey<"pairs"> = "mentee_id";
    const setting: SettingKey = "school_year";
    const list: ListKey = "subjects";
    expect([sheet, column, setting, list]).toEqual(["pairs", "mentee_id", "school_year", "subjects"]);
    // @ts-expect-error: not a sheet
    const notSheet: SheetKey = "pupils";
    // @ts-expect-error: a column of another sheet
    const notColumn: ColumnKey<"meetings"> = "capacity";
    // @ts-expect-error: not a parameter of «Настройки»
    const notSetting: SettingKey = "school";
    // @ts-expect-error: not a list of «Справочники»
    const notList: ListKey = "statuses";
    expect([notSheet, notColumn, notSetting, notList]).toHaveLength(4);
  });
});
