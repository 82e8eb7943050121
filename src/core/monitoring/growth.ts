import { questionnaire } from "../questionnaires/schema";
import { sheetTemplate } from "../templates/load";
import { mean, rating, round1, SURVEY_ROLE, SURVEY_STAGE, type SurveyRecord, type SurveyRole } from "./data";

/**
 * Stage 2 of seed 004 §6: every parameter is measured twice, at entry and at exit. For each
 * participant and each item the entry and exit questionnaires share (same key):
 * - "growth" items (self-assessment measured twice): the change, exit − entry;
 * - "gap" items (expectation at entry, result at exit): the gap, result − expectation
 *   (negative: expectations not met).
 * Averages by form of mentoring, by role and for the whole program use only participants who
 * answered both questionnaires; one without either is listed as such, never counted as zero.
 */

export type PairKind = "gap" | "growth";

export interface GrowthItem {
  key: string;
  label: string;
  kind: PairKind;
}

export const KIND_LABEL: Record<PairKind, string> = { growth: "рост", gap: "ожидание — результат" };

export const NO_ENTRY = "нет входной анкеты";
export const NO_EXIT = "нет итоговой анкеты";
export const NO_BOTH = "нет входной и итоговой анкет";

const ROLE_FORMS: Record<SurveyRole, string> = {
  [SURVEY_ROLE.mentor]: "mentor",
  [SURVEY_ROLE.mentee]: "mentee",
};

const itemsCache = new Map<string, GrowthItem[]>();

/** The paired items of a role's entry and exit questionnaires, in the entry's order. */
export function pairedItems(role: SurveyRole): GrowthItem[] {
  const cached = itemsCache.get(role);
  if (cached) return cached;
  const suffix = ROLE_FORMS[role];
  const entry = questionnaire(`entry_${suffix}`);
  const exit = questionnaire(`exit_${suffix}`);
  const headers = new Map(sheetTemplate("surveys").columns.map((c) => [c.key, c.header]));
  const out: GrowthItem[] = [];
  for (const q of entry.questions) {
    if (!q.pair) continue;
    const twin = exit.questions.find((x) => x.key === q.key && x.pair === q.pair);
    if (!twin) continue;
    out.push({ key: q.key, label: headers.get(q.column ?? q.key) ?? twin.title, kind: q.pair });
  }
  itemsCache.set(role, out);
  return out;
}

export interface GrowthParticipant {
  role: SurveyRole;
  id: string;
  name: string;
  email: string;
  /** Forms of mentoring of the participant's pairs in the cycle. */
  forms: string[];
  /** An exit survey older than this belongs to an earlier cycle and is ignored. */
  since: Date | null;
}

export type GrowthRowKind = "участник" | "среднее по форме" | "среднее по роли" | "среднее по программе";

export interface GrowthRow {
  rowKind: GrowthRowKind;
  /** The form (participants: their forms), the role («наставники») or «все участники». */
  group: string;
  role: string;
  personId: string;
  fullName: string;
  itemKey: string;
  item: string;
  kind: PairKind | null;
  entry: number | null;
  exit: number | null;
  /** exit − entry, for growth items. */
  change: number | null;
  /** exit − entry expectation, for gap items. */
  gap: number | null;
  /** Participants averaged (average rows). */
  count: number | null;
  note: string;
}

/** Entry and exit surveys of a participant: the newest of each stage. */
export function surveysOf(
  p: GrowthParticipant,
  surveys: SurveyRecord[],
): { entry: SurveyRecord | null; exit: SurveyRecord | null } {
  let entry: SurveyRecord | null = null;
  let exit: SurveyRecord | null = null;
  const newer = (a: SurveyRecord | null, b: SurveyRecord) =>
    !a || (b.submittedAt?.getTime() ?? 0) >= (a.submittedAt?.getTime() ?? 0) ? b : a;
  for (const s of surveys) {
    if (s.email !== p.email || s.role !== p.role) continue;
    if (s.stage === SURVEY_STAGE.entry) entry = newer(entry, s);
    else if (s.stage === SURVEY_STAGE.exit) {
      if (p.since && s.submittedAt && s.submittedAt.getTime() < p.since.getTime()) continue;
      exit = newer(exit, s);
    }
  }
  return { entry, exit };
}

interface Measured {
  p: GrowthParticipant;
  item: GrowthItem;
  entry: number | null;
  exit: number | null;
}

const diff = (m: { entry: number | null; exit: number | null }) =>
  m.entry !== null && m.exit !== null ? round1(m.exit - m.entry) : null;

/** The stage 2 table: participant rows, then averages by form, by role and for the program. */
export function growthRows(participants: GrowthParticipant[], surveys: SurveyRecord[]): GrowthRow[] {
  const rows: GrowthRow[] = [];
  const measured: Measured[] = [];
  const roleLabel = (r: SurveyRole) => (r === SURVEY_ROLE.mentor ? "наставники" : "наставляемые");

  for (const p of participants) {
    const { entry, exit } = surveysOf(p, surveys);
    const base = {
      rowKind: "участник" as const,
      group: p.forms.join(", "),
      role: p.role,
      personId: p.id,
      fullName: p.name,
      count: null,
    };
    if (!entry && !exit) {
      rows.push({
        ...base,
        itemKey: "",
        item: "",
        kind: null,
        entry: null,
        exit: null,
        change: null,
        gap: null,
        note: NO_BOTH,
      });
      continue;
    }
    for (const item of pairedItems(p.role)) {
      const e = entry ? rating(entry.values[item.key]) : null;
      const x = exit ? rating(exit.values[item.key]) : null;
      const note = !entry
        ? NO_ENTRY
        : !exit
          ? NO_EXIT
          : e === null && x === null
            ? "нет ответа в обеих анкетах"
            : e === null
              ? "нет ответа во входной анкете"
              : x === null
                ? "нет ответа в итоговой анкете"
                : "";
      const d = diff({ entry: e, exit: x });
      rows.push({
        ...base,
        itemKey: item.key,
        item: item.label,
        kind: item.kind,
        entry: e,
        exit: x,
        change: item.kind === "growth" ? d : null,
        gap: item.kind === "gap" ? d : null,
        note,
      });
      measured.push({ p, item, entry: e, exit: x });
    }
  }

  const groups: {
    rowKind: GrowthRowKind;
    group: string;
    role: string;
    match: (p: GrowthParticipant) => boolean;
  }[] = [];
  const forms: string[] = [];
  for (const p of participants) for (const f of p.forms) if (f !== "" && forms.indexOf(f) < 0) forms.push(f);
  for (const f of forms)
    groups.push({ rowKind: "среднее по форме", group: f, role: "", match: (p) => p.forms.indexOf(f) >= 0 });
  for (const r of [SURVEY_ROLE.mentee, SURVEY_ROLE.mentor] as SurveyRole[])
    if (participants.some((p) => p.role === r))
      groups.push({ rowKind: "среднее по роли", group: roleLabel(r), role: r, match: (p) => p.role === r });
  if (participants.length > 0)
    groups.push({ rowKind: "среднее по программе", group: "все участники", role: "", match: () => true });

  for (const g of groups) {
    const members = participants.filter(g.match);
    const items: GrowthItem[] = [];
    for (const r of [SURVEY_ROLE.mentee, SURVEY_ROLE.mentor] as SurveyRole[])
      if (members.some((p) => p.role === r))
        for (const it of pairedItems(r)) if (!items.some((x) => x.key === it.key)) items.push(it);
    for (const item of items) {
      const of = measured.filter((m) => m.item.key === item.key && g.match(m.p));
      const both = of.filter((m) => m.entry !== null && m.exit !== null);
      const asked = members.filter((p) => pairedItems(p.role).some((x) => x.key === item.key)).length;
      const lacking = asked - both.length;
      const e = mean(both.map((m) => m.entry!));
      const x = mean(both.map((m) => m.exit!));
      const d = mean(both.map((m) => m.exit! - m.entry!));
      rows.push({
        rowKind: g.rowKind,
        group: g.group,
        role: g.role,
        personId: "",
        fullName: "",
        itemKey: item.key,
        item: item.label,
        kind: item.kind,
        entry: e === null ? null : round1(e),
        exit: x === null ? null : round1(x),
        change: item.kind === "growth" && d !== null ? round1(d) : null,
        gap: item.kind === "gap" && d !== null ? round1(d) : null,
        count: both.length,
        note:
          both.length === 0
            ? "нет участников с обеими анкетами"
            : lacking > 0
              ? `без одной из анкет или ответа: ${lacking} (не учтены)`
              : "",
      });
    }
  }
  return rows;
}
