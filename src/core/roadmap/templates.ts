/**
 * Roadmap templates built from the seed documents (sheets-templates/roadmaps/*.json), bundled at
 * build time and validated on load.
 *
 * Every event keeps the seed's text as written (HTML removed, broken lines joined): the wording,
 * the deadline text, the responsible person or role, the expected result or document, and its
 * place in the seed (`source`, e.g. «001 1.a»: seed 001, stage 1, item a). Deadlines are stored as
 * text; their dates are computed by parseDeadline against the school year and the program dates of
 * «Настройки». A template with `year: "calendar"` was planned for a calendar year (seed 003, «на
 * 2023 год»): pass 1 January of that year as `schoolYearStart`.
 *
 * Templates:
 * - school-general (seed 000): the general school model for a school year;
 * - school-general-plan (seed 001): the six-stage plan with results and documents;
 * - teacher-teacher-additional-education (seed 002): «учитель – учитель» in additional education,
 *   with the «Задачи» each event serves;
 * - teacher-system (seed 003): the system of mentoring for teachers, by months of a calendar year;
 * - teacher-system-program (seed 004, sections 2 and 9): duties with deadlines and the seven-stage
 *   roadmap of the same system (003 is one school's instance of it; they are kept apart so that no
 *   stage appears twice).
 */
import * as z from "zod/mini";
import schoolGeneral from "../../../sheets-templates/roadmaps/school-general.json";
import schoolGeneralPlan from "../../../sheets-templates/roadmaps/school-general-plan.json";
import teacherSystem from "../../../sheets-templates/roadmaps/teacher-system.json";
import teacherSystemProgram from "../../../sheets-templates/roadmaps/teacher-system-program.json";
import teacherTeacherAdditional from "../../../sheets-templates/roadmaps/teacher-teacher-additional-education.json";
import { type DeadlineContext, type DeadlineResult, parseDeadline } from "./deadline";
import { ROADMAP_ROLES } from "./paste";

const text = z.string();
const filled = z.string().check(
  z.minLength(1),
  z.refine((s) => s.trim() === s, { message: "no leading or trailing spaces" }),
);

export const roadmapTemplateEventSchema = z.object({
  /** Where the event comes from: «<seed> <stage>.<item>», e.g. «001 1.a». */
  source: z.string().check(z.regex(/^\d{3} \S+$/)),
  /** «Этап» as written, "" when the seed has none. */
  stage: text,
  /** The task the event serves (seed 002's «Задачи»), "" when none. */
  task: text,
  /** Item number as written in the seed («a.», «2.»), "" when none. */
  number: text,
  /** «Мероприятие» as written. */
  wording: filled,
  /** The deadline as written; "" when the seed gives none. */
  deadline: text,
  /** «Ответственный» as written («Куратор», «Баева С.Н.»), "" when none. */
  responsible: text,
  /** Normalized roles where obvious from `responsible`. */
  roles: z.array(z.enum(ROADMAP_ROLES)),
  /** «Результат. Вид документа» as written, "" when none. */
  result: text,
});

export const roadmapTemplateSchema = z
  .object({
    id: z.string().check(z.regex(/^[a-z][a-z0-9-]*$/)),
    /** Russian title shown to the curator. */
    title: filled,
    description: filled,
    /** The seed document number («000»…«004»). */
    seed: z.string().check(z.regex(/^\d{3}$/)),
    /** The seed document's own title. */
    document: filled,
    /** What «год» means for the deadlines: the school year (from 1 September) or a calendar year. */
    year: z.enum(["school", "calendar"]),
    events: z.array(roadmapTemplateEventSchema).check(z.minLength(1)),
  })
  .check(
    z.refine((t) => new Set(t.events.map((e) => e.source)).size === t.events.length, {
      message: "event sources must be unique within a template",
    }),
  );

export type RoadmapTemplate = z.infer<typeof roadmapTemplateSchema>;
export type RoadmapTemplateEvent = z.infer<typeof roadmapTemplateEventSchema>;

const RAW_TEMPLATES: unknown[] = [
  schoolGeneral,
  schoolGeneralPlan,
  teacherTeacherAdditional,
  teacherSystem,
  teacherSystemProgram,
];

let cache: RoadmapTemplate[] | undefined;

/** All roadmap templates, validated once per execution. Throws with the zod message if one is broken. */
export function loadRoadmapTemplates(): RoadmapTemplate[] {
  if (!cache) {
    const templates = RAW_TEMPLATES.map((raw) => roadmapTemplateSchema.parse(raw));
    const ids = templates.map((t) => t.id);
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) throw new Error(`Duplicate roadmap template id: ${id}`);
    });
    cache = templates;
  }
  return cache;
}

/** One template by id; throws for an unknown id. */
export function roadmapTemplate(id: string): RoadmapTemplate {
  const t = loadRoadmapTemplates().find((x) => x.id === id);
  if (!t) throw new Error(`Unknown roadmap template: ${id}`);
  return t;
}

/** Template ids and titles, for the curator's choice. */
export function roadmapTemplateChoices(): { id: string; title: string; events: number }[] {
  return loadRoadmapTemplates().map((t) => ({ id: t.id, title: t.title, events: t.events.length }));
}

/** The template chosen by its id, its number in the list (1-based) or a part of its title; null if none. */
export function findRoadmapTemplate(choice: string): RoadmapTemplate | null {
  const s = choice.trim().toLowerCase();
  if (s === "") return null;
  const all = loadRoadmapTemplates();
  if (/^\d+$/.test(s)) return all[Number(s) - 1] ?? null;
  const exact = all.find((t) => t.id === s || t.title.toLowerCase() === s);
  if (exact) return exact;
  const partial = all.filter((t) => t.title.toLowerCase().indexOf(s) >= 0);
  return partial.length === 1 ? partial[0] : null;
}

export interface ResolvedTemplateEvent extends RoadmapTemplateEvent {
  due: DeadlineResult;
}

/** The template's events with their deadlines parsed against a school year and program. */
export function resolveTemplateDeadlines(
  template: RoadmapTemplate,
  ctx: DeadlineContext,
): ResolvedTemplateEvent[] {
  return template.events.map((e) => ({ ...e, due: parseDeadline(e.deadline, ctx) }));
}
