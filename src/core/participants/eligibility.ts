import { isBlank } from "../cells";
import { toCalendarDate } from "../dates";
import type { Cell } from "../ports";
import { PARTICIPANT_STATUS } from "../workbook/statuses";

export type Role = "mentor" | "mentee";

export const ELIGIBLE = "да";

/** Full years between a birth date and a day, or null without a birth date. */
export function ageOn(birth: Cell, today: Date): number | null {
  const b = toCalendarDate(birth);
  if (!b) return null;
  let age = today.getUTCFullYear() - b.getUTCFullYear();
  const m = today.getUTCMonth() - b.getUTCMonth();
  if (m < 0 || (m === 0 && today.getUTCDate() < b.getUTCDate())) age--;
  return age;
}

/** A minor needs the legal representative's consent. Without a birth date, a student counts as one. */
export function isMinor(rec: Record<string, Cell>, today: Date): boolean {
  const age = ageOn(rec.birth_date, today);
  if (age !== null) return age < 18;
  return !isBlank(rec.class) || /обучающ/i.test(String(rec.category ?? ""));
}

/**
 * May this participant enter matching? «да», or «нет — reason» in Russian. Consent to personal-
 * data processing is required of everyone, and of the legal representative for minors (000, 003).
 */
export function eligibility(rec: Record<string, Cell>, role: Role, today: Date): string {
  const status = String(rec.status ?? "");
  if (status === PARTICIPANT_STATUS.left) return "нет — участник выбыл";
  if (isBlank(rec.consent_date)) return "нет — нет согласия на обработку персональных данных";
  if (isMinor(rec, today) && isBlank(rec.guardian_consent_date))
    return "нет — нет согласия законного представителя несовершеннолетнего";
  if (role === "mentee" && isBlank(rec.form)) return "нет — не указана форма наставничества";
  if (role === "mentor" && isBlank(rec.forms)) return "нет — не указаны формы наставничества";
  return ELIGIBLE;
}
