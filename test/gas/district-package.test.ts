/**
 * Issue 19, the school's side in Apps Script: «Отчётный пакет для отдела образования» makes the
 * package in the bundle (pure-TypeScript checksum and ZIP under gas-local, no Node) and offers it
 * for download in a dialog; the bytes are a package the district reads, with no person in it.
 */
import JSZip from "jszip";
import { readPackageRows } from "../../src/core/district/package";
import { DATA_SHEET, xlsxSheetGrid } from "../../src/core/district/package-file";
import { loadBundle } from "../support/gas";

function setSetting(fake: ReturnType<typeof loadBundle>, key: string, value: unknown): void {
  const s = fake.sheet("Настройки");
  const keys = s.row(1).map(String);
  const r = s.values().findIndex((row) => row[keys.indexOf("key")] === key);
  const col = String.fromCharCode(65 + keys.indexOf("value"));
  s.setValues(`${col}${r + 1}`, [[value]]);
}

it("offers the school's package for download: counts only, its checksum right", async () => {
  const fake = loadBundle({ now: () => Date.UTC(2026, 10, 20, 9) });
  fake.call("menuInitWorkbook");
  setSetting(fake, "school_year", "2026/2027");
  setSetting(fake, "school_name", "МБОУ «Школа № 7»");
  const mentors = fake.sheet("Наставники");
  const keys = mentors.row(1).map(String);
  mentors.setValues("A3", [
    keys.map(
      (k) =>
        ({
          id: "Н-0001",
          full_name: "Орлова Марина Сергеевна",
          email: "orlova@school.ru",
          status: "в паре",
          category: "опытный педагог",
        })[k] ?? "",
    ),
  ]);
  fake.call("menuDistrictPackage");
  const dialog = fake.state.dialogs.at(-1)!;
  expect(dialog).toMatchObject({ kind: "modal", title: "Отчётный пакет" });
  const m =
    /download="([^"]+)" href="data:application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet;base64,([A-Za-z0-9+/=]+)"/.exec(
      dialog.content,
    );
  expect(m).not.toBeNull();
  expect(m![1]).toBe("Отчётный пакет МБОУ Школа № 7 2026-2027.xlsx");
  const bytes = Buffer.from(m![2], "base64");
  const zip = await JSZip.loadAsync(bytes);
  const parts: Record<string, string> = {};
  for (const [path, f] of Object.entries(zip.files)) parts[path] = await f.async("string");
  const read = readPackageRows(xlsxSheetGrid(parts, DATA_SHEET)!);
  expect(read.checksumOk).toBe(true);
  expect(read.package).toMatchObject({
    year: 2026,
    school: { name: "МБОУ «Школа № 7»" },
    mentors: { total: 1, paired: 1 },
  });
  const everything = Object.values(parts).join("\n");
  expect(everything).not.toContain("Орлова");
  expect(everything).not.toContain("orlova@");
  expect(fake.state.toasts.at(-1)?.message).toContain("Отчётный пакет готов");
});
