/** Russian month names, January first: «январь» (nominative) and «января» (genitive, in dates). */

export const MONTHS_NOMINATIVE: readonly string[] = [
  "январь",
  "февраль",
  "март",
  "апрель",
  "май",
  "июнь",
  "июль",
  "август",
  "сентябрь",
  "октябрь",
  "ноябрь",
  "декабрь",
];

export const MONTHS_GENITIVE: readonly string[] = [
  "января",
  "февраля",
  "марта",
  "апреля",
  "мая",
  "июня",
  "июля",
  "августа",
  "сентября",
  "октября",
  "ноября",
  "декабря",
];

/** Stems of the month names: the nominative without its «ь» or «й» («январ», «ма», «август»). */
export const MONTH_STEMS: readonly string[] = MONTHS_NOMINATIVE.map((m) => m.replace(/[ьй]$/, ""));

/**
 * The month stems as alternatives of a regular expression, May only as «май» / «мая» (so that the
 * pattern followed by `[а-я]*` takes «января» and «мая», not «мае»).
 */
export const MONTH_STEM_PATTERN = MONTH_STEMS.map((s, i) => (i === 4 ? "ма[йя]" : s)).join("|");

/** The month (1..12) whose stem begins the word; January when none does. */
export function monthOfStem(word: string): number {
  for (let i = 0; i < MONTH_STEMS.length; i++) if (word.indexOf(MONTH_STEMS[i]) === 0) return i + 1;
  return 1;
}

/** Common abbreviations of the month names in deadlines («сент», «дек»), January first. */
const MONTH_ABBREVIATIONS: readonly (readonly string[])[] = [
  ["янв"],
  ["фев", "февр"],
  ["мар"],
  ["апр"],
  [],
  [],
  [],
  ["авг"],
  ["сен", "сент"],
  ["окт"],
  ["ноя", "нояб"],
  ["дек"],
];

/** The case forms of «май»: its stem «ма» alone would also take «март» and «мах». */
const MAY_FORMS = ["май", "мая", "мае", "маю", "маем"];

/** A whole lower-case word that names a month: any case form, or a common abbreviation. */
const MONTH_WORDS: readonly RegExp[] = MONTH_STEMS.map((stem, i) => {
  const forms = i === 4 ? MAY_FORMS : [`${stem}[а-я]*`];
  return new RegExp(`^(${[...forms, ...MONTH_ABBREVIATIONS[i]].join("|")})$`);
});

/** The month (1..12) a lower-case word names («октября», «сент», «мае»); null when none. */
export function monthOfWord(word: string): number | null {
  for (let i = 0; i < MONTH_WORDS.length; i++) if (MONTH_WORDS[i].test(word)) return i + 1;
  return null;
}

/** The case forms of each month, January first, as typos are measured against them. */
const MONTH_FORMS: readonly (readonly string[])[] = MONTHS_NOMINATIVE.map((nominative, i) => {
  if (i === 4) return MAY_FORMS;
  const stem = MONTH_STEMS[i];
  return nominative === stem
    ? [stem, `${stem}а`, `${stem}е`, `${stem}у`, `${stem}ом`]
    : [nominative, `${stem}я`, `${stem}е`, `${stem}ю`, `${stem}ем`];
});

/** True when `a` becomes `b` by one inserted, deleted or replaced letter, or two swapped neighbours. */
function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * The month a misspelt lower-case word names: «сетябрь», «октябярь», «феврлая» are one typo from
 * a case form of six letters or more of exactly one month. Null for a correct month word, for short
 * words (the forms of «май», «июнь», «июль», «март» are a letter apart from other words and from
 * each other) and when the word is one typo from two months.
 */
export function monthOfMisspelling(word: string): number | null {
  if (word.length < 5 || monthOfWord(word) !== null) return null;
  let found: number | null = null;
  for (let i = 0; i < MONTH_FORMS.length; i++) {
    if (!MONTH_FORMS[i].some((form) => form.length >= 6 && oneEditApart(word, form))) continue;
    if (found !== null) return null;
    found = i + 1;
  }
  return found;
}
