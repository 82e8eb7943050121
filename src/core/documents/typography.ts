/**
 * Russian typography of official documents: dates «30 августа 2024 г.», «№», guillemets, initials,
 * numbers with a decimal comma. Dates are calendar dates (midnight UTC, see core/ports Cell).
 */
import { MONTHS_GENITIVE, MONTHS_NOMINATIVE } from "../months";
import { plural } from "../text";

export const NBSP = "\u00a0";
export const NUMBER_SIGN = "№";
export const DASH = "–";

/** «30 августа 2024 г.» */
export function longDate(d: Date): string {
  return `${d.getUTCDate()}${NBSP}${MONTHS_GENITIVE[d.getUTCMonth()]} ${d.getUTCFullYear()}${NBSP}г.`;
}

/** «"30" августа 2024 г.» with guillemets around the day, as on approval stamps. */
export function quotedDate(d: Date): string {
  return `«${String(d.getUTCDate()).padStart(2, "0")}» ${MONTHS_GENITIVE[d.getUTCMonth()]} ${d.getUTCFullYear()}${NBSP}г.`;
}

/** A blank date to fill by hand: ««___» __________ 2026 г.» */
export function blankDate(year: number): string {
  return `«___» ______________ ${year}${NBSP}г.`;
}

/** «30.08.2024» */
export function shortDate(d: Date): string {
  const dd = String(d.getUTCDate()).padStart(2, "0");
  const mm = String(d.getUTCMonth() + 1).padStart(2, "0");
  return `${dd}.${mm}.${d.getUTCFullYear()}`;
}

/** «2024-08-30»: sorts as text. */
export function isoDate(d: Date): string {
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}-${String(d.getUTCDate()).padStart(2, "0")}`;
}

/** «2024-08»: a month as a period key. */
export function monthKey(d: Date): string {
  return isoDate(d).slice(0, 7);
}

/** «ноябрь 2026 г.» */
export function monthYear(d: Date): string {
  return `${MONTHS_NOMINATIVE[d.getUTCMonth()]} ${d.getUTCFullYear()}${NBSP}г.`;
}

/** «с 01.09.2026 по 31.05.2027» */
export function dateRange(from: Date | null, to: Date | null): string {
  if (from && to) return `${shortDate(from)}${NBSP}${DASH} ${shortDate(to)}`;
  if (from) return `с ${shortDate(from)}`;
  if (to) return `до ${shortDate(to)}`;
  return "";
}

/** «№ 15» with a non-breaking space; «№ ____» when there is no number yet. */
export function numberRef(n: string | number | null | undefined): string {
  const v = n === null || n === undefined ? "" : String(n).trim();
  return `${NUMBER_SIGN}${NBSP}${v === "" ? "_______" : v}`;
}

/** Wraps in guillemets, unless already wrapped; inner "…" become „…“ as Russian nesting asks. */
export function quoted(text: string): string {
  const t = text.trim();
  if (t.startsWith("«") && t.endsWith("»")) return t;
  return `«${t.replace(/"([^"]*)"/g, "„$1“")}»`;
}

/** Straight double quotes of free text turned into guillemets: "СОШ № 1" → «СОШ № 1». */
export function guillemets(text: string): string {
  return text.replace(/"([^"]*)"/g, "«$1»");
}

/** The parts of a full name «Фамилия Имя Отчество». */
function nameParts(fullName: string): string[] {
  return fullName.trim().split(/\s+/).filter(Boolean);
}

/** «Баева Светлана Николаевна» → «Баева С.Н.»; a name already short stays as it is. */
export function surnameInitials(fullName: string): string {
  const parts = nameParts(fullName);
  if (parts.length <= 1) return parts.join("");
  if (/^[A-ZА-ЯЁ]\.([A-ZА-ЯЁ]\.)?$/.test(parts[1])) return `${parts[0]}${NBSP}${parts.slice(1).join("")}`;
  const initials = parts
    .slice(1, 3)
    .map((p) => `${p[0].toUpperCase()}.`)
    .join("");
  return `${parts[0]}${NBSP}${initials}`;
}

/** «Баева Светлана Николаевна» → «С.Н. Баева» (the order under a signature). */
export function initialsSurname(fullName: string): string {
  const parts = nameParts(fullName);
  if (parts.length <= 1) return parts.join("");
  const initials = parts
    .slice(1, 3)
    .map((p) => `${p[0].toUpperCase()}.`)
    .join("");
  return `${initials}${NBSP}${parts[0]}`;
}

/** The surname alone (for file names). */
export function surname(fullName: string): string {
  return nameParts(fullName)[0] ?? "";
}

/** «35,2» — a decimal comma, at most `digits` decimals, no trailing zeros. */
export function decimal(x: number, digits = 1): string {
  const f = 10 ** digits;
  const v = Math.round(x * f) / f;
  return String(v).replace(".", ",").replace("-", "−");
}

/** «35,2 %» */
export function percent(x: number, digits = 1): string {
  return `${decimal(x, digits)}${NBSP}%`;
}

/** «+1,5», «−0,3», «0» */
export function signed(x: number, digits = 1): string {
  const s = decimal(x, digits);
  return x > 0 && s !== "0" ? `+${s}` : s;
}

/** «2026/2027» → «2026-2027» (a school year that can be part of a file name). */
export function schoolYearForFiles(label: string): string {
  return label.replace(/\s*[/–—]\s*/g, "-").trim();
}

/** «2026/2027 учебный год» from «2026/2027». */
export function schoolYearPhrase(label: string): string {
  return `${label.replace("-", "/")} учебный год`;
}

/** Capitalises the first letter. */
export function capitalise(s: string): string {
  return s === "" ? s : s[0].toUpperCase() + s.slice(1);
}

/** Characters a file name may not hold on Drive or on disk. */
export function safeFileName(name: string): string {
  let clean = "";
  for (const ch of name) clean += ch.charCodeAt(0) < 32 ? " " : ch;
  return clean
    .replace(/[\\/:*?"<>|]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 180);
}

/** «балл» after a number as it is shown (one decimal): «12 баллов», «12,3 балла», «0 баллов». */
export function points(x: number): string {
  return plural(Math.round(x * 10) / 10, "балл", "балла", "баллов");
}

/**
 * Abbreviations written in capitals whatever the case of the text around them: lowercasing a
 * phrase («Подготовка к ГИА» → «подготовка к ГИА») keeps them, and a lower-case one typed by hand
 * («цифровые навыки и икт») gets its capitals back. «ДО» (дополнительное образование) is kept as
 * written but never restored: lower-case «до» is a preposition.
 */
export const ABBREVIATIONS = [
  "ГИА",
  "ОГЭ",
  "ЕГЭ",
  "ВПР",
  "ИКТ",
  "ОБЗР",
  "ОБЖ",
  "ФГОС",
  "ОВЗ",
  "ООП",
  "НОО",
  "ООО",
  "СОО",
  "ОО",
  "ДОО",
  "СПО",
  "ПДн",
  "ШМО",
  "РМО",
  "ИОМ",
  "ЦОС",
  "ЭОР",
  "ДО",
];
const NOT_RESTORED = new Set(["до"]);
const RESTORE = new Map(
  ABBREVIATIONS.filter((a) => !NOT_RESTORED.has(a.toLowerCase())).map((a) => [a.toLowerCase(), a]),
);

/** A word kept as written: a known abbreviation, or two capitals or more («ПДн», «IT», «МБОУ»). */
function isAbbreviation(word: string): boolean {
  return RESTORE.has(word.toLowerCase()) || (word.match(/[A-ZА-ЯЁ]/g)?.length ?? 0) >= 2;
}

/** Lower-case text with abbreviations kept: «Подготовка к ГИА, Цифровые навыки и ИКТ» → «подготовка к ГИА, цифровые навыки и ИКТ». */
export function lowerCase(text: string): string {
  return text.replace(/[A-Za-zА-Яа-яЁё]+/g, (w) => {
    if (RESTORE.has(w.toLowerCase())) return RESTORE.get(w.toLowerCase()) ?? w;
    return isAbbreviation(w) ? w : w.toLowerCase();
  });
}

/** The first letter lower-cased unless the first word is an abbreviation: «ИКТ-компетенции» stays. */
export function lowerFirst(text: string): string {
  const m = /^[A-Za-zА-Яа-яЁё]+/.exec(text);
  if (!m || isAbbreviation(m[0])) return text;
  return text[0].toLowerCase() + text.slice(1);
}

/**
 * The non-breaking spaces of Russian official text (ГОСТ Р 7.0.97-2016 office practice): after «№»,
 * inside initials and between initials and a surname («О.И. Сапельцева», «Сапельцева О. И.»), in
 * «г.», «т. д.», «и т. п.», between a number and its unit or word («46 пар», «5 %», «2027 г.»), and
 * before a dash between words. Already non-breaking spaces stay.
 */
const LETTER = "A-Za-zА-Яа-яЁё";
const TYPESET_RULES: [RegExp, string][] = [
  // «№ 1», «№1» → «№ 1».
  [/№[ \t]*(?=\S)/g, `№${NBSP}`],
  // Initials together and with their surname: «О. И.», «О.И. Сапельцева», «Сапельцева О.И.».
  [new RegExp(`(?<![${LETTER}])([А-ЯЁA-Z]\\.)[ \\t]+(?=[А-ЯЁA-Z]\\.)`, "g"), `$1${NBSP}`],
  [new RegExp(`(?<![${LETTER}])([А-ЯЁA-Z]\\.)[ \\t]+(?=[А-ЯЁA-Z][а-яёa-z])`, "g"), `$1${NBSP}`],
  [
    new RegExp(
      `([А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)[ \\t]+(?=[А-ЯЁ]\\.(?:[ \\t${NBSP}]?[А-ЯЁ]\\.)?(?![${LETTER}]))`,
      "g",
    ),
    `$1${NBSP}`,
  ],
  // «г. Каменск-Уральский», «т. д.», «и т. п.».
  [new RegExp(`(?<![${LETTER}])(г|гг|т)\\.[ \\t]+(?=[${LETTER}\\d])`, "g"), `$1.${NBSP}`],
  [new RegExp(`(?<![${LETTER}])и[ \\t]+(?=т\\.${NBSP}?[дпе]\\.)`, "g"), `и${NBSP}`],
  // A number and its unit or word: «46 пар», «5 %», «2027 г.».
  [new RegExp(`(\\d)[ \\t]+(?=[%‰${LETTER}])`, "g"), `$1${NBSP}`],
  // A dash between words never starts a line.
  [/[ \t]+(?=[–—][ \t])/g, NBSP],
];

export function typeset(text: string): string {
  let out = text;
  for (const [pattern, replacement] of TYPESET_RULES) out = out.replace(pattern, replacement);
  return out;
}
