import {
  answerText,
  cellAmount,
  cellBool,
  cellDate,
  cellDecimal,
  cellNumber,
  cellText,
  displayText,
  exportedText,
  isBlank,
  isEmptyCell,
  isYes,
  lowerText,
  plainText,
  textWithIsoDates,
} from "../../src/core/cells";
import { utcDate } from "../../src/core/dates";

const sept1 = utcDate(2026, 9, 1);

describe("reading a cell", () => {
  it("tells blank from empty", () => {
    for (const v of ["", "  ", null, undefined]) expect(isBlank(v)).toBe(true);
    for (const v of [0, false, "0", sept1]) expect(isBlank(v)).toBe(false);
    expect(isEmptyCell("")).toBe(true);
    expect(isEmptyCell(null)).toBe(true);
    expect(isEmptyCell("  ")).toBe(false);
  });

  it("reads text: the variants differ only where they say so", () => {
    expect(cellText("  Иванова ")).toBe("Иванова");
    expect(cellText(sept1)).toBe("01.09.2026");
    expect(cellText(undefined)).toBe("");
    expect(plainText("  ID-1 ")).toBe("ID-1");
    expect(plainText(sept1)).toBe(String(sept1));
    expect(lowerText(" A@B.RU ")).toBe("a@b.ru");
    expect(textWithIsoDates(sept1)).toBe("2026-09-01T00:00:00.000Z");
    expect(textWithIsoDates(" x ")).toBe("x");
    expect(answerText(true)).toBe("да");
    expect(answerText(false)).toBe("нет");
    expect(answerText(sept1)).toBe("01.09.2026");
    expect(answerText(" as typed ")).toBe(" as typed ");
    expect(displayText(true)).toBe("true");
    expect(displayText(null)).toBe("");
    expect(displayText(sept1)).toBe("01.09.2026");
    expect(exportedText(" a\r\nb ")).toBe("a\nb");
    expect(exportedText(0.1 + 0.2)).toBe("0.3");
    expect(exportedText(new Date(Date.UTC(2026, 10, 22, 14, 3)))).toBe("22.11.2026 14:03");
    expect(exportedText(new Date(Date.UTC(1899, 11, 30, 9, 5, 7)))).toBe("09:05:07");
    expect(exportedText(new Date(Number.NaN))).toBe("");
  });

  it("reads numbers: the leading number of a text, or the whole text", () => {
    expect(cellNumber("7 дней")).toBe(7);
    expect(cellNumber("7,5")).toBe(7.5);
    expect(cellNumber(sept1)).toBeNull();
    expect(cellDecimal("8,5")).toBe(8.5);
    expect(cellDecimal("7 дней")).toBeNull();
    expect(cellDecimal("45 %")).toBeNull();
    expect(cellAmount("45 %")).toBe(45);
    expect(cellDecimal(true)).toBeNull();
    expect(cellDecimal("  ")).toBeNull();
  });

  it("reads dates and yes / no", () => {
    expect(cellDate("01.09.2026 г.")).toEqual(sept1);
    expect(cellDate(46266)).toEqual(sept1);
    expect(cellDate("сентябрь")).toBeNull();
    expect(cellBool("Вкл")).toBe(true);
    expect(cellBool(0)).toBe(false);
    expect(cellBool("может быть")).toBeNull();
    expect(isYes(" Да ")).toBe(true);
    expect(isYes(true)).toBe(true);
    expect(isYes("д")).toBe(false);
    expect(cellBool("д")).toBe(true);
  });
});
