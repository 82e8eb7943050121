import workbookJson from "../../../sheets-templates/workbook.json";
import {
  INDICATOR_STATUS,
  MENTEE_STATUS,
  MENTOR_STATUS,
  PARTICIPANT_STATUS,
  STATUS_COLUMNS,
} from "../../../src/core/workbook/statuses";

interface JsonColumn {
  key: string;
  type: string;
  values?: string[];
  computed?: boolean;
}
const sheets = workbookJson.sheets as { key: string; columns: JsonColumn[] }[];

function column(sheet: string, key: string): JsonColumn {
  const found = sheets.find((s) => s.key === sheet)?.columns.find((c) => c.key === key);
  if (!found) throw new Error(`no column ${sheet}.${key} in workbook.json`);
  return found;
}

describe("the statuses module", () => {
  it.each(STATUS_COLUMNS.map((c) => [`${c.sheet}.${c.column}`, c] as const))(
    "names exactly the values of %s in workbook.json, in its order",
    (_name, c) => {
      expect(Object.values(c.statuses)).toEqual(column(c.sheet, c.column).values);
    },
  );

  it("covers every status column of the template that lists its values", () => {
    const listed = sheets.flatMap((s) =>
      s.columns.filter((c) => c.key === "status" && c.values !== undefined).map(() => s.key),
    );
    expect(STATUS_COLUMNS.map((c) => c.sheet).sort()).toEqual([...listed].sort());
  });

  it("shares the participant statuses between the banks", () => {
    for (const [name, value] of Object.entries(PARTICIPANT_STATUS)) {
      expect(MENTOR_STATUS[name as keyof typeof PARTICIPANT_STATUS]).toBe(value);
      expect(MENTEE_STATUS[name as keyof typeof PARTICIPANT_STATUS]).toBe(value);
    }
  });

  it("names the statuses of «Показатели», a computed column without a list", () => {
    const status = column("indicators", "status");
    expect(status.values).toBeUndefined();
    expect(status.computed).toBe(true);
    expect(new Set(Object.values(INDICATOR_STATUS)).size).toBe(4);
  });
});
