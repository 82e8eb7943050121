/**
 * «Подобрать пары» and «Утвердить пары»: the provably best assignment of mentors to mentees under
 * the school's rules, written to «Пары» as proposals with a reason for every pair, and the curator's
 * review of them. Approved pairs are never touched by a new matching; locked pairs are kept in every
 * matching; curator-forbidden pairs are never proposed.
 */
import { cellBool, isBlank } from "../cells";
import { calendarDate } from "../dates";
import { explainAll, explainInRussian } from "../matching/explain";
import {
  describeParts,
  hardRule,
  type MenteeProfile,
  type MentorProfile,
  menteeProfile,
  mentorProfile,
  type PreferenceRanks,
  type ScoreParts,
  scoreParts,
  scoreTotal,
} from "../matching/score";
import {
  type AssignmentProblem,
  type IndexPair,
  type MatchingMode,
  solveAssignment,
} from "../matching/solver";
import { countBlockingPairs, deferredAcceptance } from "../matching/stable";
import {
  type ClockPort,
  type LockPort,
  type ProgressPort,
  type WorkbookPort,
  withWorkbookLock,
} from "../ports";
import { idOfPersonChoice } from "../questionnaires/form-plan";
import { readSettings, type Settings } from "../settings";
import { count, plural } from "../text";
import { ID_PREFIX, nextIdAllocator } from "../workbook/ids";
import { appendJournal } from "../workbook/journal";
import {
  MENTEE_STATUS,
  MENTOR_STATUS,
  OUT_OF_PROGRAM,
  PAIR_STATUS,
  PARTICIPANT_STATUS,
} from "../workbook/statuses";
import { Table } from "../workbook/table";
import { readLists } from "./intake";
import { placesTaken } from "./review";

export interface MatchingPorts {
  workbook: WorkbookPort;
  clock: ClockPort;
  progress: ProgressPort;
  lock?: LockPort;
  user?: string;
}

export type MatchStrategy = "max_participants" | "quality" | "stable";

export interface MatchOptions {
  /** Re-match everyone, approved pairs included (locked pairs stay). */
  full?: boolean;
  /** Overrides «Режим подбора» of «Настройки». */
  mode?: MatchStrategy;
}

export interface MatchReport {
  mode: MatchStrategy;
  proposed: number;
  kept: number;
  /** Approved pairs a full re-match chose again: left as they are, not proposed a second time. */
  confirmed?: number;
  unmatched: number;
  total: number;
  certified: boolean;
  blockingPairs: number;
  solveMs: number;
}

const MODE_BY_SETTING: Record<string, MatchStrategy> = {
  "максимум участников": "max_participants",
  "качество пар": "quality",
  устойчивое: "stable",
};

/** The mode of «Настройки» («максимум участников», «качество пар», «устойчивое»). */
export function strategyOf(settings: Settings): MatchStrategy {
  return MODE_BY_SETTING[settings.matchMode.trim().toLowerCase()] ?? "max_participants";
}

interface Participants {
  mentors: MentorProfile[];
  mentees: MenteeProfile[];
  /** Mentor index → slots still free after the pairs that stay. */
  capacity: number[];
  locked: IndexPair[];
  forbidden: Set<string>;
  prefs: Map<string, PreferenceRanks>;
  menteePrefs: (number[] | undefined)[];
  mentorPrefs: (number[] | undefined)[];
  /** Rows of «Пары» that stay as they are. */
  keptRows: Set<number>;
  /** Rows of «Пары» holding old proposals that this matching replaces. */
  replacedRows: number[];
  /** A full re-match: mentee ID → the mentor of their approved pair (not kept by the curator). */
  approvedMentor: Map<string, string>;
}

const pairKey = (mentorId: string, menteeId: string) => `${mentorId}|${menteeId}`;

function gather(
  wb: WorkbookPort,
  pairs: Table<"pairs">,
  mentorsT: Table<"mentors">,
  menteesT: Table<"mentees">,
  settings: Settings,
  today: Date,
  full: boolean,
): Participants {
  const lists = readLists(wb);
  const profileLists = {
    forms: lists.forms ?? [],
    roleModels: lists.role_models ?? [],
    competencies: lists.competencies ?? [],
  };
  const mentorsAll = mentorsT
    .records()
    .map((r) => mentorProfile(r.values, today, profileLists, settings.requireTraining));
  const menteesAll = menteesT.records().map((r) => menteeProfile(r.values, today, profileLists));
  const capacityById = new Map<string, number>();
  for (const r of mentorsT.records()) {
    const c = Number(r.values.capacity);
    capacityById.set(String(r.values.id), Number.isFinite(c) && c > 0 ? Math.floor(c) : 1);
  }

  const forbidden = new Set<string>();
  const keptRows = new Set<number>();
  const replacedRows: number[] = [];
  const busyMentees = new Set<string>();
  const used = new Map<string, number>();
  const lockedIds: [string, string][] = [];
  const approvedMentor = new Map<string, string>();
  for (const { row, values } of pairs.records()) {
    const status = String(values.status).trim();
    const mentor = String(values.mentor_id).trim();
    const mentee = String(values.mentee_id).trim();
    // «да» as written now, TRUE / 1 as older workbooks hold it.
    const locked = cellBool(values.locked) === true;
    // A pair ended early is never proposed again (the row keeps its history).
    if (status === PAIR_STATUS.forbidden || status === PAIR_STATUS.terminated) {
      forbidden.add(pairKey(mentor, mentee));
      keptRows.add(row);
    } else if (locked && (status === PAIR_STATUS.proposed || status === PAIR_STATUS.approved)) {
      lockedIds.push([mentee, mentor]);
      keptRows.add(row);
    } else if (status === PAIR_STATUS.approved && !full) {
      busyMentees.add(mentee);
      used.set(mentor, (used.get(mentor) ?? 0) + 1);
      keptRows.add(row);
    } else if (status === PAIR_STATUS.proposed || (status === PAIR_STATUS.approved && full)) {
      // Replaced by this matching (a full re-match turns approved pairs back into proposals).
      if (status === PAIR_STATUS.proposed) replacedRows.push(row);
      else {
        keptRows.add(row);
        approvedMentor.set(mentee, mentor);
      }
    } else keptRows.add(row);
  }
  const lockedMentees = new Set(lockedIds.map(([m]) => m));
  const mentees = menteesAll.filter(
    (m) => !m.excluded && (!busyMentees.has(m.id) || lockedMentees.has(m.id)) && m.id !== "",
  );
  const mentors = mentorsAll.filter((m) => !m.excluded && m.id !== "");
  const capacity = mentors.map((m) => Math.max(0, (capacityById.get(m.id) ?? 1) - (used.get(m.id) ?? 0)));
  const mentorIndex = new Map(mentors.map((m, i) => [m.id, i]));
  const menteeIndex = new Map(mentees.map((m, i) => [m.id, i]));
  const locked: IndexPair[] = [];
  for (const [mentee, mentor] of lockedIds) {
    const i = menteeIndex.get(mentee);
    const j = mentorIndex.get(mentor);
    if (i !== undefined && j !== undefined) locked.push([i, j]);
  }

  // Preferences after the group meeting: «ФИО (ID)» choices, up to three, in order.
  const prefs = new Map<string, PreferenceRanks>();
  const menteePrefs: (number[] | undefined)[] = new Array(mentees.length);
  const mentorPrefs: (number[] | undefined)[] = new Array(mentors.length);
  const emailToMentor = new Map(
    mentorsT.records().map((r) => [String(r.values.email).toLowerCase(), String(r.values.id)]),
  );
  const emailToMentee = new Map(
    menteesT.records().map((r) => [String(r.values.email).toLowerCase(), String(r.values.id)]),
  );
  for (const { values } of Table.load(wb, "preferences").records()) {
    const role = String(values.role);
    const email = String(values.email).toLowerCase();
    const self = role === "наставник" ? emailToMentor.get(email) : emailToMentee.get(email);
    if (!self) continue;
    const chosen = [values.choice_1, values.choice_2, values.choice_3]
      .map((c) => (isBlank(c) ? null : idOfPersonChoice(String(c))))
      .filter((x): x is string => x !== null);
    chosen.forEach((other, k) => {
      const key = role === "наставник" ? pairKey(self, other) : pairKey(other, self);
      const p = prefs.get(key) ?? { menteeRanksMentor: null, mentorRanksMentee: null };
      if (role === "наставник") p.mentorRanksMentee = k + 1;
      else p.menteeRanksMentor = k + 1;
      prefs.set(key, p);
    });
    if (role === "наставник") {
      const j = mentorIndex.get(self);
      if (j !== undefined)
        mentorPrefs[j] = chosen.map((id) => menteeIndex.get(id)).filter((x): x is number => x !== undefined);
    } else {
      const i = menteeIndex.get(self);
      if (i !== undefined)
        menteePrefs[i] = chosen.map((id) => mentorIndex.get(id)).filter((x): x is number => x !== undefined);
    }
  }
  return {
    mentors,
    mentees,
    capacity,
    locked,
    forbidden,
    prefs,
    menteePrefs,
    mentorPrefs,
    keptRows,
    replacedRows,
    approvedMentor,
  };
}

/**
 * The assignment problem over the participants: integer scores, null for impossible pairs.
 *
 * The solver and the explanations ask for a pair's score many times (a school of 10,000 has
 * millions of pairs of the same form), so each mentee's scores against every mentor of its form
 * are computed once, on first use, into a typed row; a mentor's place in its form's list is a
 * typed index. The per-criterion parts are only computed for the pairs written out.
 */
export function buildProblem(
  p: Pick<Participants, "mentors" | "mentees" | "capacity" | "locked" | "forbidden" | "prefs">,
  settings: Settings,
  mode: MatchingMode,
): { problem: AssignmentProblem; parts: (i: number, j: number) => ScoreParts | null } {
  const n = p.mentors.length;
  const byForm = new Map<string, number[]>();
  p.mentors.forEach((m, j) => {
    for (const f of m.forms) {
      const list = byForm.get(f) ?? [];
      if (list[list.length - 1] !== j) list.push(j);
      byForm.set(f, list);
    }
  });
  // Mentor index → place in the form's list (-1: not of the form).
  const placeInForm = new Map<string, Int32Array>();
  for (const [form, list] of byForm) {
    const place = new Int32Array(n).fill(-1);
    list.forEach((j, k) => {
      place[j] = k;
    });
    placeInForm.set(form, place);
  }
  const noPrefs: PreferenceRanks = { menteeRanksMentor: null, mentorRanksMentee: null };
  const keyed = p.prefs.size > 0 || p.forbidden.size > 0;
  /** The pair's preferences, or null when the pair is impossible. */
  const allowedPrefs = (mentor: MentorProfile, mentee: MenteeProfile): PreferenceRanks | null => {
    if (hardRule(mentor, mentee) !== null) return null;
    if (!keyed) return noPrefs;
    const key = pairKey(mentor.id, mentee.id);
    return p.forbidden.has(key) ? null : (p.prefs.get(key) ?? noPrefs);
  };
  const parts = (i: number, j: number): ScoreParts | null => {
    const prefs = allowedPrefs(p.mentors[j], p.mentees[i]);
    return prefs && scoreParts(p.mentors[j], p.mentees[i], settings.weights, prefs);
  };
  // Scores by mentee, over the mentee's form's list; NaN: impossible pair.
  const rows: (Float64Array | undefined)[] = new Array(p.mentees.length);
  const places: (Int32Array | undefined)[] = p.mentees.map((m) => placeInForm.get(m.form));
  const rowOf = (i: number): Float64Array => {
    let row = rows[i];
    if (row) return row;
    const mentee = p.mentees[i];
    const list = byForm.get(mentee.form) ?? [];
    row = new Float64Array(list.length);
    for (let k = 0; k < list.length; k++) {
      const mentor = p.mentors[list[k]];
      const prefs = allowedPrefs(mentor, mentee);
      row[k] = prefs === null ? Number.NaN : scoreTotal(mentor, mentee, settings.weights, prefs);
    }
    rows[i] = row;
    return row;
  };
  const problem: AssignmentProblem = {
    menteeCount: p.mentees.length,
    mentorCount: n,
    capacity: p.capacity.map((c, j) => c + p.locked.filter(([, m]) => m === j).length),
    score: (i, j) => {
      const place = places[i];
      const k = place ? place[j] : -1;
      if (k < 0) return null;
      const s = rowOf(i)[k];
      return Number.isNaN(s) ? null : s;
    },
    feasibleMentors: (i) => byForm.get(p.mentees[i].form) ?? [],
    locked: p.locked,
    mode,
    threshold: mode === "quality" ? settings.matchThreshold : undefined,
  };
  return { problem, parts };
}

/** Why nobody could be proposed to a mentee, when no mentor is even possible. */
function impossibleReason(mentee: MenteeProfile, mentors: MentorProfile[], forbidden: Set<string>): string {
  const ofForm = mentors.filter((m) => m.forms.includes(mentee.form));
  if (ofForm.length === 0) return `нет допущенного наставника формы «${mentee.form}»`;
  const reasons = ofForm.map((m) =>
    forbidden.has(pairKey(m.id, mentee.id)) ? "пара запрещена куратором" : hardRule(m, mentee),
  );
  const first = reasons.find((r) => r !== null);
  return `ни один наставник формы «${mentee.form}» не подходит (${first ?? "правила формы"})`;
}

/** «Подобрать пары»: proposals in «Пары», reasons for everyone left without a pair. */
export function matchPairs(ports: MatchingPorts, options: MatchOptions = {}): MatchReport {
  const run = () => doMatch(ports, options);
  return withWorkbookLock(ports, run);
}

function doMatch(ports: MatchingPorts, options: MatchOptions): MatchReport {
  const wb = ports.workbook;
  const now = ports.clock.now();
  const today = calendarDate(now);
  const settings = readSettings(wb, { today });
  const strategy = options.mode ?? strategyOf(settings);
  const pairs = Table.load(wb, "pairs");
  const mentorsT = Table.load(wb, "mentors");
  const menteesT = Table.load(wb, "mentees");
  ports.progress.report("Сбор участников", 0, 3);
  const p = gather(wb, pairs, mentorsT, menteesT, settings, today, options.full === true);
  const solverMode: MatchingMode = strategy === "quality" ? "quality" : "max_participants";
  const { problem, parts } = buildProblem(p, settings, solverMode);

  ports.progress.report("Поиск оптимального распределения", 1, 3);
  const started = Date.now();
  const optimal = solveAssignment(problem);
  let assignment = optimal.assignment;
  let pairScore = optimal.pairScore;
  if (strategy === "stable") {
    const stable = deferredAcceptance({ ...problem, menteePrefs: p.menteePrefs, mentorPrefs: p.mentorPrefs });
    assignment = stable.assignment;
    pairScore = stable.pairScore;
  }
  const solveMs = Date.now() - started;
  const blocking = countBlockingPairs(
    { ...problem, menteePrefs: p.menteePrefs, mentorPrefs: p.mentorPrefs },
    assignment,
  );
  const explanations = explainAll(optimal);

  ports.progress.report("Запись предложений", 2, 3);
  pairs.remove(p.replacedRows);
  const nextPairId = nextIdAllocator(pairs, "pair_id", ID_PREFIX.pair);
  const lockedSet = new Set(p.locked.map(([i, j]) => `${i}|${j}`));
  const groupSize = new Map<number, number>();
  assignment.forEach((j) => {
    if (j >= 0) groupSize.set(j, (groupSize.get(j) ?? 0) + 1);
  });
  const names = { mentor: (j: number) => p.mentors[j].name };
  let proposed = 0;
  let confirmed = 0;
  let total = 0;
  const notes = new Map<string, string>();
  for (let i = 0; i < p.mentees.length; i++) {
    const j = assignment[i];
    const mentee = p.mentees[i];
    if (j < 0) {
      const e = explanations[i];
      const reason =
        e.options === 0
          ? `Без пары: ${impossibleReason(mentee, p.mentors, p.forbidden)}.`
          : explainInRussian(e, names, { mode: solverMode, threshold: problem.threshold });
      notes.set(mentee.id, reason);
      continue;
    }
    total += pairScore[i];
    if (lockedSet.has(`${i}|${j}`)) {
      notes.set(mentee.id, `Пара с наставником ${p.mentors[j].name} — «не менять при переподборе».`);
      continue;
    }
    const mentor = p.mentors[j];
    if (p.approvedMentor.get(mentee.id) === mentor.id) {
      // A full re-match that chose the approved pair again: it stays, with its ID and meetings.
      notes.set(mentee.id, `Пара с наставником ${mentor.name} утверждена и подбором подтверждена.`);
      confirmed++;
      continue;
    }
    const sp = parts(i, j)!;
    const solverText =
      strategy === "stable"
        ? `Устойчивое распределение по заявленным предпочтениям; балл ${sp.total}.`
        : explainInRussian(explanations[i], names, { mode: solverMode, threshold: problem.threshold });
    const explanation = `${solverText} Баллы: ${describeParts(sp, settings.weights)}.`;
    pairs.add({
      pair_id: nextPairId(),
      mentor_id: mentor.id,
      mentor_name: mentor.name,
      mentee_id: mentee.id,
      mentee_name: mentee.name,
      form: mentee.form,
      role_model: mentee.roleModel,
      group: (groupSize.get(j) ?? 0) > 1 ? `Группа: ${mentor.name}` : "",
      score: sp.total,
      explanation,
      status: PAIR_STATUS.proposed,
      locked: false,
      proposed_at: today,
    });
    notes.set(mentee.id, `Предложен наставник ${mentor.name} (балл ${sp.total}).`);
    proposed++;
  }
  pairs.flush(wb);
  for (const r of menteesT.rowIndexes()) {
    const id = String(menteesT.get(r, "id"));
    const excluded = menteeProfile(menteesT.record(r), today, {
      forms: [],
      roleModels: [],
      competencies: [],
    }).excluded;
    const note = notes.get(id) ?? (excluded ? `Не участвует в подборе: ${excluded}.` : undefined);
    if (note !== undefined) menteesT.set(r, "match_note", note);
  }
  menteesT.flush(wb);
  writeMentorNotes(mentorsT, p, problem, assignment, today, settings.requireTraining);
  mentorsT.flush(wb);

  const report: MatchReport = {
    mode: strategy,
    proposed,
    kept: p.locked.length,
    confirmed,
    unmatched: p.mentees.length - assignment.filter((j) => j >= 0).length,
    total,
    certified: strategy === "stable" ? true : optimal.certified,
    blockingPairs: blocking.count,
    solveMs,
  };
  appendJournal(
    wb,
    [
      {
        at: now,
        level: "информация",
        operation: "Подбор пар",
        message: describeMatch(report),
        user: ports.user,
      },
    ],
    Table.load(wb, "log").columns,
  );
  ports.progress.report("Готово", 3, 3);
  return report;
}

/**
 * «Результат подбора» of every mentor: how many mentees were proposed to them, or why none — not
 * in the matching (the reason), no mentee of their forms, none of those mentees allowed by the
 * form's rules (the commonest rule, counted), no free place, or every allowed mentee went to a
 * mentor with a better score (the optimum), so a curator sees why a mentor stayed «кандидат».
 */
function writeMentorNotes(
  mentorsT: Table<"mentors">,
  p: Participants,
  problem: AssignmentProblem,
  assignment: ArrayLike<number>,
  today: Date,
  requireTraining: boolean,
): void {
  const index = new Map(p.mentors.map((m, j) => [m.id, j]));
  const proposedTo = new Array<number>(p.mentors.length).fill(0);
  for (let i = 0; i < assignment.length; i++) if (assignment[i] >= 0) proposedTo[assignment[i]]++;
  const lists = { forms: [], roleModels: [], competencies: [] };
  for (const r of mentorsT.rowIndexes()) {
    const id = String(mentorsT.get(r, "id"));
    if (id === "") continue;
    const j = index.get(id);
    let note: string;
    if (j === undefined) {
      const excluded = mentorProfile(mentorsT.record(r), today, lists, requireTraining).excluded;
      note = `Не участвует в подборе: ${excluded ?? "нет в списке наставников подбора"}.`;
    } else {
      const mentor = p.mentors[j];
      const free = p.capacity[j];
      if (proposedTo[j] > 0) {
        note = `Предложено наставляемых: ${proposedTo[j]} (свободных мест было ${free}).`;
      } else {
        const ofForms = p.mentees
          .map((m, i) => [m, i] as const)
          .filter(([m]) => mentor.forms.includes(m.form));
        if (ofForms.length === 0) {
          note = `Не предложен никто: среди ожидающих пары нет наставляемых его форм наставничества${mentor.forms.length > 0 ? ` («${mentor.forms.join("», «")}»)` : " (формы не указаны)"}.`;
        } else {
          const allowed = ofForms.filter(([, i]) => problem.score(i, j) !== null).length;
          if (free <= 0) note = "Не предложен никто: нет свободных мест (все заняты утверждёнными парами).";
          else if (allowed === 0) {
            const reasons = new Map<string, number>();
            for (const [m] of ofForms) {
              const why = p.forbidden.has(`${mentor.id}|${m.id}`)
                ? "пара запрещена куратором"
                : hardRule(mentor, m);
              if (why) reasons.set(why, (reasons.get(why) ?? 0) + 1);
            }
            const [top, n] = [...reasons.entries()].sort((a, b) => b[1] - a[1])[0] ?? [
              "правила формы",
              ofForms.length,
            ];
            note = `Не предложен никто: ни один из ${ofForms.length} наставляемых его форм не подходит по правилам формы (чаще всего: ${top} — ${n}).`;
          } else {
            note = `Не предложен никто: ему подходят ${allowed} из ${ofForms.length} наставляемых его форм, но всем им подбор нашёл наставника с большим баллом или так больше участников получили пару.`;
          }
        }
      }
    }
    mentorsT.set(r, "match_note", note);
  }
}

const MODE_RU: Record<MatchStrategy, string> = {
  max_participants: "максимум участников",
  quality: "качество пар",
  stable: "устойчивое",
};

/**
 * The result in a curator's words: pairs proposed, who is left without one, how good the pairs
 * are on average, and whether a better split exists — no solver terms.
 */
export function describeMatch(r: MatchReport): string {
  const confirmed = r.confirmed ?? 0;
  const pairs = r.proposed + r.kept + confirmed;
  const kept =
    r.kept > 0
      ? ` (из них ${r.kept} ${plural(r.kept, "пара оставлена", "пары оставлены", "пар оставлено")} как есть по решению куратора)`
      : "";
  const same =
    confirmed > 0
      ? `; ${count(confirmed, "утверждённая пара", "утверждённые пары", "утверждённых пар")} без изменений`
      : "";
  const average = pairs > 0 ? ` Средний балл совместимости пары — ${Math.round(r.total / pairs)}.` : "";
  const rivals =
    r.blockingPairs > 0
      ? ` В ${count(r.blockingPairs, "случае", "случаях", "случаях")} наставник и наставляемый из разных пар выбрали бы друг друга охотнее, чем своих партнёров${r.mode === "max_participants" ? ": так пару получили больше наставляемых" : ""}.`
      : "";
  const best =
    r.mode === "stable"
      ? ""
      : r.certified
        ? " Лучшего распределения при этих правилах нет — это проверено."
        : " Проверить, что лучшего распределения нет, не удалось.";
  return `Подбор пар (режим «${MODE_RU[r.mode]}»): ${plural(r.proposed, "предложена", "предложены", "предложено")} ${count(r.proposed, "пара", "пары", "пар")}${kept}${same}; без пары ${plural(r.unmatched, "остался", "остались", "остались")} ${count(r.unmatched, "наставляемый", "наставляемых", "наставляемых")}.${average}${rivals}${best}`;
}

export type PairDecision = "approve" | "reject" | "lock" | "unlock" | "forbid" | "restore";

/** The decisions the review sidebar may send (anything else is refused in Russian). */
export const PAIR_DECISIONS: readonly PairDecision[] = [
  "approve",
  "reject",
  "lock",
  "unlock",
  "forbid",
  "restore",
];

/**
 * The curator's review: approve, reject, forbid or restore proposals (by ID), mark them «не менять
 * при переподборе» (lock), or approve all of them. Approval dates the pair, sets both participants
 * «в паре» and, once nothing is left to approve, marks eligible mentees without a pair «без пары —
 * сопровождение психолога» (seeds 003, 004). A rejected pair comes back as a proposal only while
 * its mentee has no other pair and its mentor a free place; a decision that changes nothing and
 * was refused throws the reason in Russian.
 */
export function decidePairs(
  ports: MatchingPorts,
  decisions: { pairId: string; decision: PairDecision }[] | "approve_all",
): string {
  const run = () => {
    const wb = ports.workbook;
    const today = calendarDate(ports.clock.now());
    const pairs = Table.load(wb, "pairs");
    const wanted = decisions === "approve_all" ? null : new Map(decisions.map((d) => [d.pairId, d.decision]));
    let approved = 0;
    let rejected = 0;
    let kept = 0;
    let released = 0;
    let forbidden = 0;
    let restored = 0;
    const refused: string[] = [];
    const found = new Set<string>();
    // Places and pairs as they stand, for restoring a rejected pair.
    const taken = placesTaken(pairs.records());
    const paired = new Map<string, string>();
    // Approved pairs by mentee: a full re-match's proposal, once approved, takes their place.
    const approvedRows = new Map<string, number[]>();
    for (const { row, values } of pairs.records()) {
      if (values.status !== PAIR_STATUS.proposed && values.status !== PAIR_STATUS.approved) continue;
      const mentee = String(values.mentee_id).trim();
      paired.set(mentee, String(values.pair_id));
      if (values.status === PAIR_STATUS.approved)
        approvedRows.set(mentee, [...(approvedRows.get(mentee) ?? []), row]);
    }
    let superseded = 0;
    let capacities: Map<string, number> | null = null;
    const capacityOf = (mentorId: string): number => {
      if (capacities === null) {
        capacities = new Map();
        for (const { values } of Table.load(wb, "mentors").records()) {
          const c = Number(values.capacity);
          capacities.set(String(values.id), Number.isFinite(c) && c > 0 ? Math.floor(c) : 1);
        }
      }
      return capacities.get(mentorId) ?? 1;
    };
    for (const { row, values } of pairs.records()) {
      const id = String(values.pair_id);
      const decision: PairDecision | undefined =
        wanted === null ? (values.status === PAIR_STATUS.proposed ? "approve" : undefined) : wanted.get(id);
      if (!decision) continue;
      found.add(id);
      const status = values.status;
      if (decision === "approve" && status === PAIR_STATUS.proposed) {
        pairs.set(row, "status", PAIR_STATUS.approved);
        pairs.set(row, "approved_at", today);
        if (isBlank(values.start_date)) pairs.set(row, "start_date", today);
        approved++;
        // The mentee's earlier approved pair, which a full re-match replaced by this one, ends today.
        for (const old of approvedRows.get(String(values.mentee_id).trim()) ?? []) {
          if (old === row || pairs.get(old, "status") !== PAIR_STATUS.approved) continue;
          pairs.set(old, "status", PAIR_STATUS.completed);
          if (isBlank(pairs.get(old, "end_date"))) pairs.set(old, "end_date", today);
          const note = `Заменена парой ${id} после полного переподбора.`;
          const comment = String(pairs.get(old, "comment") ?? "").trim();
          pairs.set(old, "comment", comment === "" ? note : `${comment} ${note}`);
          superseded++;
        }
      } else if (decision === "reject" && status === PAIR_STATUS.proposed) {
        pairs.set(row, "status", PAIR_STATUS.rejected);
        pairs.set(row, "locked", false);
        rejected++;
      } else if (
        decision === "forbid" &&
        (status === PAIR_STATUS.proposed || status === PAIR_STATUS.rejected)
      ) {
        pairs.set(row, "status", PAIR_STATUS.forbidden);
        pairs.set(row, "locked", false);
        forbidden++;
      } else if (decision === "restore" && status === PAIR_STATUS.rejected) {
        const mentor = String(values.mentor_id).trim();
        const mentee = String(values.mentee_id).trim();
        const other = paired.get(mentee);
        if (other !== undefined) {
          refused.push(
            `Пару ${id} нельзя вернуть: у наставляемого ${values.mentee_name} уже есть пара ${other}.`,
          );
        } else if ((taken.get(mentor) ?? 0) >= capacityOf(mentor)) {
          refused.push(
            `Пару ${id} нельзя вернуть: у наставника ${values.mentor_name} заняты все места (${capacityOf(mentor)}).`,
          );
        } else {
          pairs.set(row, "status", PAIR_STATUS.proposed);
          taken.set(mentor, (taken.get(mentor) ?? 0) + 1);
          paired.set(mentee, id);
          restored++;
        }
      } else if (
        (decision === "lock" || decision === "unlock") &&
        (status === PAIR_STATUS.proposed || status === PAIR_STATUS.approved)
      ) {
        pairs.set(row, "locked", decision === "lock");
        if (decision === "lock") kept++;
        else released++;
      } else if (wanted !== null) {
        refused.push(`Пара ${id} уже ${String(status) || "без статуса"}: действие не выполнено.`);
      }
    }
    if (wanted !== null) {
      for (const id of wanted.keys()) if (!found.has(id)) refused.push(`Нет пары ${id} на листе «Пары».`);
    }
    const changed = approved + rejected + kept + released + forbidden + restored;
    if (changed === 0 && refused.length > 0) throw new Error(refused.join(" "));
    pairs.flush(wb);
    syncStatuses(wb, pairs);
    const parts = [];
    if (approved) parts.push(`утверждено ${approved}`);
    if (superseded) parts.push(`завершено прежних пар, заменённых новыми, ${superseded}`);
    if (rejected) parts.push(`отклонено ${rejected}`);
    if (forbidden) parts.push(`запрещено ${forbidden}`);
    if (restored) parts.push(`возвращено в предложенные ${restored}`);
    if (kept) parts.push(`не менять при переподборе: ${kept}`);
    if (released) parts.push(`можно менять при переподборе: ${released}`);
    let message = parts.length ? `Пары: ${parts.join(", ")}.` : "Нет предложенных пар для этого действия.";
    if (refused.length > 0) message += ` ${refused.join(" ")}`;
    appendJournal(
      wb,
      [
        {
          at: ports.clock.now(),
          level: "информация",
          operation: "Утверждение пар",
          message,
          user: ports.user,
        },
      ],
      Table.load(wb, "log").columns,
    );
    return message;
  };
  return withWorkbookLock(ports, run);
}

/** Both banks' statuses from the approved pairs. */
function syncStatuses(wb: WorkbookPort, pairs: Table<"pairs">): void {
  const inPair = new Set<string>();
  let pending = false;
  for (const { values } of pairs.records()) {
    if (values.status === PAIR_STATUS.approved) {
      inPair.add(String(values.mentor_id));
      inPair.add(String(values.mentee_id));
    }
    if (values.status === PAIR_STATUS.proposed) pending = true;
  }
  for (const key of ["mentors", "mentees"] as const) {
    const t = Table.load(wb, key);
    for (const r of t.rowIndexes()) {
      const id = String(t.get(r, "id"));
      const status = String(t.get(r, "status"));
      if (OUT_OF_PROGRAM.includes(status)) continue;
      if (inPair.has(id)) t.set(r, "status", PARTICIPANT_STATUS.paired);
      else if (key === "mentees" && !pending && t.get(r, "eligibility") === "да")
        t.set(r, "status", MENTEE_STATUS.supported);
      else if (key === "mentees" && status === PARTICIPANT_STATUS.paired)
        t.set(r, "status", MENTEE_STATUS.waiting);
      else if (key === "mentors" && status === PARTICIPANT_STATUS.paired)
        t.set(r, "status", MENTOR_STATUS.admitted);
    }
    t.flush(wb);
  }
}

/** The proposals for the review sidebar. */
export interface ProposalView {
  pairId: string;
  mentor: string;
  mentee: string;
  form: string;
  score: number;
  explanation: string;
  status: string;
  locked: boolean;
}

export function listProposals(wb: WorkbookPort): ProposalView[] {
  return Table.load(wb, "pairs")
    .records()
    .filter((r) => r.values.status === PAIR_STATUS.proposed)
    .map(({ values }) => ({
      pairId: String(values.pair_id),
      mentor: String(values.mentor_name),
      mentee: String(values.mentee_name),
      form: String(values.form),
      score: Number(values.score) || 0,
      explanation: String(values.explanation),
      status: String(values.status),
      locked: cellBool(values.locked) === true,
    }));
}
