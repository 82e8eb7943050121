import {
  detectSlashOrder,
  excelSerialToDate,
  parseTimestampText,
} from "../../../src/offline/import/timestamp";
import { wall } from "../../support/import-files";

describe("submission times", () => {
  it.each([
    ["22.11.2026 14:03:12", wall(2026, 11, 22, 14, 3, 12)],
    ["22.11.2026 9:05:00", wall(2026, 11, 22, 9, 5, 0)],
    ["22.11.2026 14:03", wall(2026, 11, 22, 14, 3)],
    ["22.11.2026", wall(2026, 11, 22)],
    ["2.1.27", wall(2027, 1, 2)],
    ["2026-11-22 14:03:12", wall(2026, 11, 22, 14, 3, 12)],
    ["2026-11-22T14:03:12.345", wall(2026, 11, 22, 14, 3, 12)],
    ["2026-11-22", wall(2026, 11, 22)],
    ["11/22/2026 14:03:12", wall(2026, 11, 22, 14, 3, 12)],
    ["11/22/2026 2:03:12 PM", wall(2026, 11, 22, 14, 3, 12)],
    ["11/22/2026 12:10:00 AM", wall(2026, 11, 22, 0, 10, 0)],
    ["2026/11/22 2:03:12 PM GMT+3", wall(2026, 11, 22, 14, 3, 12)],
  ])("%s", (text, expected) => {
    expect(parseTimestampText(text)?.date).toEqual(expected);
  });

  it("reports an ignored zone", () => {
    expect(parseTimestampText("2026-11-22T14:03:12+03:00")).toEqual({
      date: wall(2026, 11, 22, 14, 3, 12),
      zone: "+03:00",
    });
    expect(parseTimestampText("2026-11-22T11:03:12Z")?.zone).toBe("Z");
    expect(parseTimestampText("22.11.2026 14:03:12")?.zone).toBeNull();
  });

  it.each(["", "вчера", "31.02.2026", "22.13.2026", "25:00 22.11.2026", "22.11.2026 24:00", "13/13/2026"])(
    "refuses %p",
    (text) => {
      expect(parseTimestampText(text)).toBeNull();
    },
  );

  it("reads slashed dates day-first when the column shows it", () => {
    expect(detectSlashOrder(["11/05/2026 10:00:00", "22/11/2026 10:00:00"])).toBe("dmy");
    expect(detectSlashOrder(["11/05/2026 10:00:00", "12/11/2026"])).toBe("mdy");
    expect(parseTimestampText("11/05/2026", "dmy")?.date).toEqual(wall(2026, 5, 11));
  });

  it("converts Excel serial numbers", () => {
    expect(excelSerialToDate(46348.5)).toEqual(wall(2026, 11, 22, 12, 0, 0));
    expect(excelSerialToDate(5)).toBeNull();
  });
});
