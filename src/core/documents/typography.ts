/**
 * Russian typography of official documents: dates «30 августа 2024 г.», «№», guillemets, initials,
 * numbers with a decimal comma. Dates are calendar dates (midnight UTC, see core/ports Cell).
 */
import { MONTHS_GENITIVE, MONTHS_NOMINATIVE } from "../months";

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

/** «балл» after a number: «12 баллов», «12,3 балла» (a fraction takes the genitive singular). */
export function points(x: number): string {
  const r = Math.round(x * 10) / 10;
  if (!Number.isInteger(r)) return "балла";
  const n = Math.abs(r);
  const m10 = n % 10;
  const m100 = n % 100;
  if (m10 === 1 && m100 !== 11) return "балл";
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return "балла";
  return "баллов";
}
