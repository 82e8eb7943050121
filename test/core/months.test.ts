import {
  MONTH_STEM_PATTERN,
  MONTH_STEMS,
  MONTHS_GENITIVE,
  MONTHS_NOMINATIVE,
  monthOfMisspelling,
  monthOfStem,
  monthOfWord,
} from "../../src/core/months";

/** The month tables as roadmap/deadline.ts and usecases/roadmap.ts wrote them before months.ts held them. */
const OLD_DEADLINE_MONTHS: Array<[RegExp, number]> = [
  [/^(январ[а-я]*|янв)$/, 1],
  [/^(феврал[а-я]*|фев|февр)$/, 2],
  [/^(март[а-я]*|мар)$/, 3],
  [/^(апрел[а-я]*|апр)$/, 4],
  [/^(май|мая|мае|маю|маем)$/, 5],
  [/^(июн[а-я]*)$/, 6],
  [/^(июл[а-я]*)$/, 7],
  [/^(август[а-я]*|авг)$/, 8],
  [/^(сентябр[а-я]*|сен|сент)$/, 9],
  [/^(октябр[а-я]*|окт)$/, 10],
  [/^(ноябр[а-я]*|ноя|нояб)$/, 11],
  [/^(декабр[а-я]*|дек)$/, 12],
];
const OLD_STEMS = [
  "январ",
  "феврал",
  "март",
  "апрел",
  "ма",
  "июн",
  "июл",
  "август",
  "сентябр",
  "октябр",
  "ноябр",
  "декабр",
];
const OLD_MONTH_YEAR = "январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр";

function oldMonthOf(word: string): number | null {
  for (const [re, m] of OLD_DEADLINE_MONTHS) if (re.test(word)) return m;
  return null;
}

describe("one month table", () => {
  it("derives the stems and the regular expression of the roadmap from the month names", () => {
    expect(MONTH_STEMS).toEqual(OLD_STEMS);
    expect(MONTH_STEM_PATTERN).toBe(OLD_MONTH_YEAR);
    expect(MONTHS_NOMINATIVE.map(monthOfStem)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(MONTHS_GENITIVE.map(monthOfStem)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it("reads a month word exactly as the deadline parser's own table did", () => {
    const endings = ["", "ь", "я", "е", "ю", "ем", "ём", "й", "ы", "ах"];
    const words = new Set<string>([
      "",
      "ма",
      "мах",
      "мар",
      "марш",
      "сентяб",
      "нояб",
      "июнь",
      "декабрьский",
      "дек.",
    ]);
    for (const stem of [...OLD_STEMS, "янв", "фев", "февр", "апр", "авг", "сен", "сент", "окт", "ноя"])
      for (const e of endings) words.add(stem + e);
    for (const w of words) expect([w, monthOfWord(w)]).toEqual([w, oldMonthOf(w)]);
  });
});

describe("monthOfMisspelling", () => {
  it.each([
    ["сетябрь", 9],
    ["октябярь", 10],
    ["октябяря", 10],
    ["феврлая", 2],
    ["янаваря", 1],
    ["декарбя", 12],
    ["нябрь", 11],
    ["авгуcта", 8], // a Latin «c» is one replaced letter too
    ["сентябрь", null], // spelt right: monthOfWord reads it
    ["мрт", null], // short words are not corrected
    ["маи", null],
    ["июнл", null], // begins with «июн»: monthOfWord reads it as June
    ["марка", null],
    ["необходимости", null],
    ["четверть", null],
  ])("«%s» → %s", (word, month) => {
    expect(monthOfMisspelling(word)).toBe(month);
  });
});
