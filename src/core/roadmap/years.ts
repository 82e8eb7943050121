/**
 * A roadmap template for a school year: the year it was written for (from the dates in its
 * deadlines), its deadlines' years moved to the school year of «Настройки», its events in sheet terms.
 */
import { MONTH_STEM_PATTERN, monthOfStem } from "../months";
import type { Settings } from "../settings";
import { normalizeDeadlineText } from "./deadline";
import type { RoadmapTemplate } from "./templates";

/** An event to add, in sheet terms. */
export interface NewEvent {
  stage: string;
  event: string;
  deadline_text: string;
  responsible: string;
  result: string;
  comment: string;
}

/** The school year (first calendar year) or calendar year a template was written for. */
export function templateBaseYear(template: RoadmapTemplate): number | null {
  let base: number | null = null;
  const consider = (y: number, m: number) => {
    const year = template.year === "calendar" ? y : m >= 9 ? y : y - 1;
    if (base === null || year < base) base = year;
  };
  for (const e of template.events) {
    const s = normalizeDeadlineText(e.deadline);
    const dates = /(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?![\d])/g;
    let m = dates.exec(s);
    while (m) {
      const y = m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
      consider(y, Number(m[2]));
      m = dates.exec(s);
    }
    const months = new RegExp(`(${MONTH_STEM_PATTERN})[а-я]*\\s+(\\d{4})(?!\\d)`, "g");
    let mm = months.exec(s);
    while (mm) {
      consider(Number(mm[2]), monthOfStem(mm[1]));
      mm = months.exec(s);
    }
  }
  return base;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** The deadline text with every written year moved by `offset` years (29.02 becomes 28.02 when needed). */
export function shiftDeadlineYears(text: string, offset: number): string {
  if (offset === 0 || text === "") return text;
  let s = text.replace(
    /(?<!\d)(\d{1,2}\.\d{1,2}\.)(\d{2})(?!\d|\.\d)|(?<![\d])((?:19|20)\d\d)(?!\d)/g,
    (all, dm: string | undefined, yy: string | undefined, yyyy: string | undefined) => {
      if (dm !== undefined && yy !== undefined)
        return `${dm}${String((Number(yy) + offset) % 100).padStart(2, "0")}`;
      if (yyyy !== undefined) return String(Number(yyyy) + offset);
      return all;
    },
  );
  s = s.replace(/(?<!\d)29\.(0?2)\.\s?(\d{4}|\d{2})(?!\d)/g, (all, _mo: string, y: string) => {
    const full = y.length === 2 ? 2000 + Number(y) : Number(y);
    return isLeap(full) ? all : all.replace(/^29/, "28");
  });
  return s;
}

export interface LoadTemplateOptions {
  /** Move the years written in the template to the school year of «Настройки» (default true). */
  shiftYears?: boolean;
}

/** The events of a template as they land in the sheet for a school year. */
export function templateEvents(
  template: RoadmapTemplate,
  settings: Settings,
  options: LoadTemplateOptions = {},
): { events: NewEvent[]; offset: number; target: number | null } {
  const base = templateBaseYear(template);
  let target: number | null = null;
  if (settings.schoolYear !== null)
    target = template.year === "calendar" ? settings.schoolYear + 1 : settings.schoolYear;
  const offset = options.shiftYears !== false && base !== null && target !== null ? target - base : 0;
  const events = template.events.map((e) => {
    let deadline = shiftDeadlineYears(e.deadline, offset);
    // A calendar-year roadmap: «в течение года» is that calendar year, not the school year.
    if (template.year === "calendar" && target !== null)
      deadline = deadline.replace(/в течение (?:всего )?года/i, (m) => `${m[0]} течение ${target} года`);
    const comments: string[] = [];
    if (e.task) comments.push(`Задача: ${e.task}`);
    if (deadline !== e.deadline && e.deadline !== "") comments.push(`Срок в образце: ${e.deadline}`);
    return {
      stage: e.stage,
      event: e.wording,
      deadline_text: deadline,
      responsible: e.responsible,
      result: e.result,
      comment: comments.join("; "),
    };
  });
  return { events, offset, target };
}
