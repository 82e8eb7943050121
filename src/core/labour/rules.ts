/**
 * Mentoring as work under the Labour Code (ТК РФ ст. 351.8, added by the federal law of 09.11.2024
 * № 381-ФЗ, in force from 01.03.2025): an employee mentors another only with written consent, on
 * the employer's instruction; the labour contract or a supplementary agreement states the content,
 * term and form of the work and the pay for it; either side may end it early, telling the other at
 * least three working days before. Роструд (letter of 02.10.2025 № ТЗ/7300-6-1): where helping new
 * employees is part of the job function and already paid for, the article does not apply.
 *
 * Who is covered is per mentor («Наставники» → «Наставничество по ст. 351.8 ТК РФ»); what the
 * school's local act decides (the pay and how a part month counts) is in «Настройки».
 */
import { cellBool, cellDate, cellNumber, cellText } from "../cells";
import type { Cell } from "../ports";

/** «Наставники» → «Наставничество по ст. 351.8 ТК РФ» (the template's values). */
export const LABOUR_BASIS = {
  paid: "дополнительная работа (ст. 351.8 ТК РФ)",
  jobFunction: "входит в трудовую функцию",
  outside: "внешний наставник",
} as const;
export type LabourBasisKey = keyof typeof LABOUR_BASIS;

/** «Пары» → «Досрочное прекращение: инициатор» (the template's values). */
export const END_INITIATOR = {
  mentor: "наставник",
  employer: "работодатель",
  mentee: "наставляемый",
} as const;
export type EndInitiator = keyof typeof END_INITIATOR;

/** The source of mentors that are the school's own staff (Справочники → «Источники наставников»). */
export const SCHOOL_STAFF_SOURCE = "педагоги школы";
/** A mentor category that is a teacher of the school when no other source or organisation says otherwise. */
export const SCHOOL_TEACHER_CATEGORY = "опытный педагог";

export interface Coverage {
  basis: LabourBasisKey;
  /** True when the curator chose it in the column; false when it is the default rule. */
  stated: boolean;
  /** Why, in Russian, for refusals and notes. */
  reason: string;
}

/**
 * Whether a mentor's work falls under ст. 351.8: the column when filled; otherwise a mentor of the
 * school's staff (source «педагоги школы», or category «опытный педагог» with no other source and no
 * organisation) does additional work under the article, and everyone else is an outside mentor.
 */
export function coverageOf(mentor: Record<string, Cell | undefined>): Coverage {
  const stated = cellText(mentor.labour_basis).trim().toLowerCase();
  for (const key of Object.keys(LABOUR_BASIS) as LabourBasisKey[])
    if (stated !== "" && LABOUR_BASIS[key].toLowerCase() === stated)
      return { basis: key, stated: true, reason: `указано на листе «Наставники»: «${LABOUR_BASIS[key]}»` };
  const source = cellText(mentor.source).trim().toLowerCase();
  const category = cellText(mentor.category).trim().toLowerCase();
  const organisation = cellText(mentor.organisation).trim();
  const staff =
    source === SCHOOL_STAFF_SOURCE ||
    (source === "" && organisation === "" && category === SCHOOL_TEACHER_CATEGORY);
  return staff
    ? { basis: "paid", stated: false, reason: "педагог школы в утверждённой паре (правило по умолчанию)" }
    : {
        basis: "outside",
        stated: false,
        reason: "не работник школы: трудовые документы школы на него не оформляются",
      };
}

export type PayRule = "fixed" | "percent";
export type PayPer = "mentee" | "unit";
export type PartMonth = "working" | "calendar" | "full";

/** What the local act decides, from «Настройки». */
export interface LabourSettings {
  /** «Положение о наставничестве». */
  act: string;
  actDate: Date | null;
  actNumber: string;
  rule: PayRule;
  /** Roubles a month (rule «сумма в месяц»); null when not set. */
  amount: number | null;
  /** Percent of the mentor's base (rule «процент от базы»); null when not set. */
  percent: number | null;
  per: PayPer;
  partMonth: PartMonth;
  inMonthlyMail: boolean;
  /** Letters of thanks go to the places 1…thanksTop of the ranking. */
  thanksTop: number;
}

/** Reads the labour settings from «Настройки» values by code (unknown words fall back to the defaults). */
export function labourSettings(values: Record<string, Cell | undefined>): LabourSettings {
  const text = (k: string) => cellText(values[k]).trim();
  const positive = (k: string) => {
    const n = cellNumber(values[k] ?? "");
    return n !== null && n >= 0 ? n : null;
  };
  const rule = text("pay_rule").toLowerCase();
  const per = text("pay_per").toLowerCase();
  const part = text("pay_part_month").toLowerCase();
  const top = cellNumber(values.thanks_top ?? "");
  return {
    act: text("labour_act") || "Положение о наставничестве",
    actDate: values.labour_act_date === undefined ? null : cellDate(values.labour_act_date),
    actNumber: text("labour_act_number").replace(/^№\s*/, ""),
    rule: rule.startsWith("процент") ? "percent" : "fixed",
    amount: positive("pay_amount"),
    percent: positive("pay_percent"),
    per: per.includes("пар") || per.includes("групп") ? "unit" : "mentee",
    partMonth: part.includes("календар") ? "calendar" : part.includes("полный") ? "full" : "working",
    inMonthlyMail: cellBool(values.pay_in_monthly_mail ?? "") === true,
    thanksTop: top !== null && top >= 1 ? Math.floor(top) : 3,
  };
}

/** «сумма в месяц», «процент от базы»… as the documents say the rule. */
export function describePayRule(s: LabourSettings): string {
  const amount =
    s.rule === "fixed"
      ? s.amount === null
        ? "__________ руб. в месяц"
        : `${formatRoubles(s.amount)} руб. в месяц`
      : s.percent === null
        ? "____ % от базы для доплаты в месяц"
        : `${formatNumberRu(s.percent)} % от базы для доплаты в месяц`;
  const per =
    s.per === "mentee" ? "за каждого наставляемого" : "за пару (группу) независимо от числа наставляемых";
  const part =
    s.partMonth === "working"
      ? "за неполный месяц — пропорционально рабочим дням наставничества по производственному календарю"
      : s.partMonth === "calendar"
        ? "за неполный месяц — пропорционально календарным дням наставничества"
        : "за неполный месяц — в полном размере";
  return `${amount} ${per}; ${part}`;
}

/** «12 345,60» (a space between thousands, a comma before kopecks when there are any). */
export function formatRoubles(n: number): string {
  const kopecks = Math.round(n * 100);
  const whole = Math.trunc(kopecks / 100);
  const rest = Math.abs(kopecks % 100);
  const grouped = String(Math.abs(whole)).replace(/\B(?=(\d{3})+(?!\d))/g, "\u00a0");
  return `${kopecks < 0 ? "−" : ""}${grouped}${rest ? `,${String(rest).padStart(2, "0")}` : ",00"}`;
}

function formatNumberRu(n: number): string {
  return String(Math.round(n * 100) / 100).replace(".", ",");
}
