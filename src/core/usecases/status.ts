/**
 * «Панель куратора» / `mentor status`: where the school is in the year's cycle, counted from the
 * workbook. The cycle's steps in the seeds' order (анкеты → базы → подбор → проверка → утверждение
 * → приказ → программы → встречи → мониторинг → итоги), each with what the sheets say about it, the
 * next action, and the warnings that matter (pairs without meetings, overdue events, forms that
 * accept no answers, missing consents). A new workbook first gets «Начало работы»: «Настройки»
 * (school, year, officials, time zone) and the forms.
 *
 * Computed once here; the sidebar (src/ui/panel.html) renders the model and `mentor status` prints
 * `describePanel`. Reads each sheet it needs once; writes nothing; takes no lock.
 */
import { cellDate, cellNumber, cellText } from "../cells";
import {
  calendarDate,
  formatDateRu,
  schoolTimeZoneLabel,
  schoolYearLabel,
  schoolYearStartYear,
} from "../dates";
import { datedFile } from "../documents/files";
import { LEVEL_UNDETERMINED } from "../monitoring/rubric";
import type { WorkbookPort } from "../ports";
import { roadmapCompletion } from "../roadmap/status";
import { readSettings, type Settings } from "../settings";
import { workbookTemplate } from "../templates/load";
import { count } from "../text";
import { MENTEE_STATUS, OUT_OF_PROGRAM, PAIR_STATUS } from "../workbook/statuses";
import { Table } from "../workbook/table";
import { JOURNAL_DOCUMENTS } from "./documents";
import { FORM_OPEN } from "./forms";

/**
 * What a button of the panel does. The drivers map each to their own: a menu function in Apps
 * Script (src/gas/features/panel.ts), a command offline (src/offline/commands/status.ts). «open:…»
 * opens a sheet.
 */
export type PanelActionKey =
  | "init"
  | "publishForms"
  | "match"
  | "review"
  | "approve"
  | "order"
  | "programs"
  | "monitoring"
  | "rubric"
  | "summary"
  | "analysis"
  | "report"
  | "closeCycle"
  | "roadmapRefresh"
  | "open:settings"
  | "open:mentors"
  | "open:mentees"
  | "open:pair_activity"
  | "open:monitoring";

export interface PanelAction {
  key: PanelActionKey;
  /** The button's caption. */
  caption: string;
}

/** «done» — nothing left for now; «now» — the step to work on; «todo» — later in the year. */
export type StepState = "done" | "now" | "todo";

export type StepKey =
  | "forms"
  | "banks"
  | "matching"
  | "review"
  | "approval"
  | "order"
  | "programs"
  | "meetings"
  | "monitoring"
  | "results";

export interface PanelStep {
  key: StepKey;
  /** «Анкеты». */
  title: string;
  state: StepState;
  /** What the workbook says about the step, one Russian line. */
  facts: string;
  /** Whether something in the step needs the curator (its warning is in `warnings`). */
  attention: boolean;
  action: PanelAction | null;
}

export interface StartItem {
  title: string;
  done: boolean;
  /** What is filled, or what to fill. */
  facts: string;
  action: PanelAction | null;
}

export interface PanelWarning {
  text: string;
  action: PanelAction | null;
}

export interface CuratorPanel {
  /** «МБОУ «СОШ № 1» · 2026/2027 учебный год». */
  heading: string;
  /** «на 25.05.2027». */
  today: string;
  /** False when the workbook has to be initialised first (then `steps` is empty). */
  ready: boolean;
  /** «Начало работы»: complete once each item is done. */
  start: { items: StartItem[]; complete: boolean };
  steps: PanelStep[];
  /** The one thing to do next, with why. */
  next: { text: string; action: PanelAction | null };
  warnings: PanelWarning[];
}

const ACTIONS: Record<PanelActionKey, string> = {
  init: "Подготовить книгу",
  publishForms: "Создать / обновить анкеты",
  match: "Подобрать пары",
  review: "Проверить пары",
  approve: "Утвердить пары",
  order: "Создать приказ",
  programs: "Создать программы",
  monitoring: "Пересчитать мониторинг",
  rubric: "Оценка куратора",
  summary: "Обновить сводку",
  analysis: "Создать аналитическую справку",
  report: "Создать отчёт",
  closeCycle: "Завершить цикл",
  roadmapRefresh: "Обновить сроки дорожной карты",
  "open:settings": "Открыть «Настройки»",
  "open:mentors": "Открыть «Наставники»",
  "open:mentees": "Открыть «Наставляемые»",
  "open:pair_activity": "Открыть «Работа пар»",
  "open:monitoring": "Открыть «Мониторинг»",
};

export function panelAction(key: PanelActionKey): PanelAction {
  return { key, caption: ACTIONS[key] };
}

/** Every action the panel may offer (the drivers check they map each one). */
export const PANEL_ACTIONS = Object.keys(ACTIONS) as PanelActionKey[];

export const STEP_TITLES: Record<StepKey, string> = {
  forms: "Анкеты",
  banks: "Базы участников",
  matching: "Подбор пар",
  review: "Проверка пар",
  approval: "Утверждение пар",
  order: "Приказ о закреплении",
  programs: "Персональные программы",
  meetings: "Встречи",
  monitoring: "Мониторинг",
  results: "Итоги года",
};

/** «нет — нет согласия …» in a bank's «Допущен к подбору»: why a person stays out of matching. */
const NO_CONSENT = /нет согласия/i;
const NO_GUARDIAN = /законного представителя/i;

interface Bank {
  total: number;
  eligible: number;
  noConsent: number;
  noGuardian: number;
  /** Eligible and without a pair: «ожидает пары» or with the psychologist. */
  waiting: number;
}

function bank(wb: WorkbookPort, key: "mentors" | "mentees"): Bank {
  const t = Table.load(wb, key);
  const out: Bank = { total: 0, eligible: 0, noConsent: 0, noGuardian: 0, waiting: 0 };
  for (const { values } of t.records()) {
    if (cellText(values.full_name) === "") continue;
    out.total++;
    const status = cellText(values.status);
    if (OUT_OF_PROGRAM.includes(status)) continue;
    const e = cellText(values.eligibility).toLowerCase();
    if (e === "да") {
      out.eligible++;
      if (status === MENTEE_STATUS.waiting || status === MENTEE_STATUS.supported) out.waiting++;
    } else if (NO_CONSENT.test(e)) {
      if (NO_GUARDIAN.test(e)) out.noGuardian++;
      else out.noConsent++;
    }
  }
  return out;
}

interface Pairs {
  proposed: number;
  approved: number;
  completed: number;
  /** Mentors of approved pairs with one mentee / several. */
  individual: number;
  groups: number;
  approvedIds: string[];
  lastApproval: Date | null;
}

function pairsOf(wb: WorkbookPort): Pairs {
  const t = Table.load(wb, "pairs");
  const out: Pairs = {
    proposed: 0,
    approved: 0,
    completed: 0,
    individual: 0,
    groups: 0,
    approvedIds: [],
    lastApproval: null,
  };
  const byMentor = new Map<string, number>();
  for (const { values } of t.records()) {
    const id = cellText(values.pair_id);
    if (id === "") continue;
    const status = cellText(values.status);
    if (status === PAIR_STATUS.proposed) out.proposed++;
    else if (status === PAIR_STATUS.completed) out.completed++;
    else if (status === PAIR_STATUS.approved) {
      out.approved++;
      out.approvedIds.push(id);
      const mentor = cellText(values.mentor_id) || cellText(values.mentor_name);
      byMentor.set(mentor, (byMentor.get(mentor) ?? 0) + 1);
      const at = cellDate(values.approved_at);
      if (at && (!out.lastApproval || at.getTime() > out.lastApproval.getTime())) out.lastApproval = at;
    }
  }
  for (const n of byMentor.values()) {
    if (n > 1) out.groups++;
    else out.individual++;
  }
  return out;
}

/** The documents «Журнал» records as made this school year: the last order's day, the programs' pairs. */
interface Documents {
  order: Date | null;
  programs: Set<string>;
  analysis: Date | null;
  report: Date | null;
  closed: boolean;
}

function documentsOf(wb: WorkbookPort, since: Date): Documents {
  const t = Table.load(wb, "log");
  const out: Documents = { order: null, programs: new Set(), analysis: null, report: null, closed: false };
  const stems = {
    order: datedFile("order", since).stem,
    analysis: datedFile("analysis", since).stem,
    report: datedFile("report", since).stem,
  };
  const later = (a: Date | null, b: Date) => (a && a.getTime() >= b.getTime() ? a : b);
  for (const { values } of t.records()) {
    const at = cellDate(values.at);
    if (!at || at.getTime() < since.getTime()) continue;
    const operation = cellText(values.operation);
    if (operation === "Завершение цикла") out.closed = true;
    if (operation !== JOURNAL_DOCUMENTS) continue;
    const message = cellText(values.message);
    const day = calendarDate(at);
    if (message.includes(stems.order)) out.order = later(out.order, day);
    else if (message.includes(stems.analysis)) out.analysis = later(out.analysis, day);
    else if (message.includes(stems.report)) out.report = later(out.report, day);
    else {
      const program = /«Программа (\S+)/.exec(message);
      if (program) out.programs.add(program[1]);
    }
  }
  return out;
}

interface Activity {
  pairs: number;
  meetings: number;
  attention: number;
}

/** «Работа пар» of the school year, for the pairs approved now (a pair ended since keeps its old row). */
function activityOf(wb: WorkbookPort, label: string, approved: ReadonlySet<string>): Activity {
  const t = Table.load(wb, "pair_activity");
  const out: Activity = { pairs: 0, meetings: 0, attention: 0 };
  for (const { values } of t.records()) {
    if (!approved.has(cellText(values.pair_id))) continue;
    const year = cellText(values.year);
    if (year !== "" && year !== label) continue;
    out.pairs++;
    out.meetings += cellNumber(values.meetings) ?? 0;
    if (/^да/i.test(cellText(values.attention))) out.attention++;
  }
  return out;
}

interface Monitoring {
  programTotal: number | null;
  programLevel: string;
  pairs: number;
  /** Pair rows with no level yet (the curator's part of the rubric is missing). */
  withoutLevel: number;
}

function monitoringOf(wb: WorkbookPort): Monitoring {
  const t = Table.load(wb, "monitoring");
  const out: Monitoring = { programTotal: null, programLevel: "", pairs: 0, withoutLevel: 0 };
  for (const { values } of t.records()) {
    const scope = cellText(values.scope);
    if (scope === "") continue;
    if (/программа/i.test(scope)) {
      out.programTotal = cellNumber(values.total);
      const level = cellText(values.level);
      out.programLevel = level === LEVEL_UNDETERMINED ? "" : level;
    } else {
      out.pairs++;
      const level = cellText(values.level);
      if (level === "" || level === LEVEL_UNDETERMINED) out.withoutLevel++;
    }
  }
  return out;
}

interface Forms {
  total: number;
  closed: string[];
}

function formsOf(wb: WorkbookPort): Forms {
  const t = Table.load(wb, "forms_registry");
  const out: Forms = { total: 0, closed: [] };
  for (const { values } of t.records()) {
    const title = cellText(values.title) || cellText(values.form_key);
    if (title === "") continue;
    out.total++;
    const state = cellText(values.publish_state);
    if (state !== "" && state !== FORM_OPEN) out.closed.push(title);
  }
  return out;
}

interface Surveys {
  mentees: number;
  mentors: number;
}

function exitSurveys(wb: WorkbookPort, since: Date): Surveys {
  const t = Table.load(wb, "surveys");
  const out: Surveys = { mentees: 0, mentors: 0 };
  for (const { values } of t.records()) {
    if (!/итог/i.test(cellText(values.stage))) continue;
    const at = cellDate(values.submitted_at);
    if (at && at.getTime() < since.getTime()) continue;
    if (/наставляем/i.test(cellText(values.role))) out.mentees++;
    else if (/наставник/i.test(cellText(values.role))) out.mentors++;
  }
  return out;
}

/** The template's sheets the workbook lacks (then init comes first). */
function missingSheets(wb: WorkbookPort): string[] {
  const present = new Set(wb.sheetNames());
  return workbookTemplate()
    .sheets.map((s) => s.name)
    .filter((name) => !present.has(name));
}

function startItems(settings: Settings, forms: Forms, mentors: Bank, mentees: Bank): StartItem[] {
  const settingsAction = panelAction("open:settings");
  const missing = (names: [string, string][]) => names.filter(([, v]) => v.trim() === "").map(([n]) => n);
  const officials = missing([
    ["ФИО куратора", settings.curatorName],
    ["e-mail куратора", settings.curatorEmail],
    ["ФИО директора", settings.directorName],
  ]);
  const school = settings.schoolShort || settings.schoolName;
  const haveAnswers = mentors.total + mentees.total > 0;
  return [
    {
      title: "Школа",
      done: settings.schoolName.trim() !== "",
      facts:
        settings.schoolName.trim() !== ""
          ? school
          : "впишите полное и краткое название школы — они попадут в приказы и отчёты",
      action: settings.schoolName.trim() !== "" ? null : settingsAction,
    },
    {
      title: "Учебный год",
      done: settings.schoolYear !== null,
      facts:
        settings.schoolYear !== null
          ? `${settings.schoolYearLabel}${settings.programStart && settings.programEnd ? `, работа пар с ${formatDateRu(settings.programStart)} по ${formatDateRu(settings.programEnd)}` : ""}`
          : "впишите учебный год, например 2026/2027",
      action: settings.schoolYear !== null ? null : settingsAction,
    },
    {
      title: "Ответственные",
      done: officials.length === 0,
      facts:
        officials.length === 0
          ? `куратор ${settings.curatorName}, директор ${settings.directorName}`
          : `впишите ${officials.join(", ")}`,
      action: officials.length === 0 ? null : settingsAction,
    },
    {
      title: "Часовой пояс",
      done: true,
      facts: `${schoolTimeZoneLabel(settings.timeZone)} — по нему приходят напоминания; другой выберите в «Настройках»`,
      action: null,
    },
    {
      title: "Анкеты",
      done: forms.total > 0 || haveAnswers,
      facts:
        forms.total > 0
          ? `${count(forms.total, "анкета создана", "анкеты созданы", "анкет создано")}${forms.closed.length > 0 ? `, не принимают ответы: ${forms.closed.length}` : ""}`
          : haveAnswers
            ? `ответы загружены: ${count(mentors.total, "наставник", "наставника", "наставников")}, ${count(mentees.total, "наставляемый", "наставляемых", "наставляемых")}`
            : "создайте анкеты и разошлите ссылки наставникам и наставляемым",
      action: forms.total > 0 || haveAnswers ? null : panelAction("publishForms"),
    },
  ];
}

/**
 * The panel on `day` (the school's wall-clock date). Never throws for a damaged or new workbook:
 * a workbook that cannot be read says so and offers «Инициализировать / восстановить книгу».
 */
export function curatorPanel(wb: WorkbookPort, day: Date): CuratorPanel {
  const today = calendarDate(day);
  const todayText = `на ${formatDateRu(today)}`;
  const notReady = (why: string): CuratorPanel => ({
    heading: "Книга наставничества",
    today: todayText,
    ready: false,
    start: { items: [], complete: false },
    steps: [],
    next: { text: why, action: panelAction("init") },
    warnings: [],
  });
  const absent = missingSheets(wb);
  if (absent.length > 0)
    return notReady(
      `${
        absent.length === 1
          ? `В книге нет листа «${absent[0]}»`
          : absent.length <= 3
            ? `В книге нет листов ${absent.map((n) => `«${n}»`).join(", ")}`
            : `В книге нет ${count(absent.length, "листа", "листов", "листов")} программы (среди них «${absent[0]}»)`
      }: подготовьте книгу — программа создаст недостающие листы, ничего не стирая.`,
    );
  try {
    return panelOf(wb, today, todayText);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return notReady(
      /[А-Яа-яЁё]/.test(message) ? message : "Книгу не удалось прочитать: подготовьте её заново.",
    );
  }
}

function panelOf(wb: WorkbookPort, today: Date, todayText: string): CuratorPanel {
  const settings = readSettings(wb, { today });
  const year = settings.schoolYear ?? schoolYearStartYear(today);
  const label = settings.schoolYearLabel || schoolYearLabel(year);
  const since = settings.schoolYearStart ?? today;
  const mentors = bank(wb, "mentors");
  const mentees = bank(wb, "mentees");
  const forms = formsOf(wb);
  const pairs = pairsOf(wb);
  const docs = documentsOf(wb, since);
  const activity = activityOf(wb, label, new Set(pairs.approvedIds));
  // Pairs approved since «Работа пар» was last counted have no row there yet.
  const uncounted = pairs.approvedIds.length - activity.pairs;
  const monitoring = monitoringOf(wb);
  const surveys = exitSurveys(wb, since);
  const overdue = roadmapCompletion(wb, today).reduce((s, c) => s + c.overdue, 0);
  const menteesWaiting = mentees.waiting;

  const school = settings.schoolShort || settings.schoolName;
  const start = startItems(settings, forms, mentors, mentees);
  const warnings: PanelWarning[] = [];
  const people = (k: "mentors" | "mentees") =>
    k === "mentors"
      ? (n: number) => count(n, "наставник", "наставника", "наставников")
      : (n: number) => count(n, "наставляемый", "наставляемых", "наставляемых");

  // --- The steps, in the cycle's order.
  const noConsent = mentors.noConsent + mentors.noGuardian + mentees.noConsent + mentees.noGuardian;
  const working = pairs.approved + pairs.completed;
  const anyPair = pairs.proposed + working > 0;
  const programEnd = settings.programEnd;
  const endNear = programEnd !== null && today.getTime() >= programEnd.getTime() - 30 * 86400000;
  const workOver = programEnd !== null && today.getTime() > programEnd.getTime();
  const missingPrograms = pairs.approvedIds.filter((id) => !docs.programs.has(id)).length;
  const orderStale =
    docs.order !== null && pairs.lastApproval !== null && pairs.lastApproval.getTime() > docs.order.getTime();

  const steps: (Omit<PanelStep, "state"> & { done: boolean })[] = [
    {
      key: "forms",
      title: STEP_TITLES.forms,
      done: mentors.total > 0 && mentees.total > 0,
      facts:
        mentors.total + mentees.total === 0
          ? forms.total > 0
            ? "анкеты созданы, ответов пока нет"
            : "анкеты не созданы, ответов нет"
          : `${people("mentors")(mentors.total)}, ${people("mentees")(mentees.total)}${noConsent > 0 ? `, ${noConsent} без согласия` : ""}`,
      attention: forms.closed.length > 0,
      action: panelAction("publishForms"),
    },
    {
      key: "banks",
      title: STEP_TITLES.banks,
      done: mentors.eligible > 0 && mentees.eligible > 0,
      facts:
        mentors.total + mentees.total === 0
          ? "базы пусты: их заполняют ответы анкет"
          : `к подбору допущены ${people("mentors")(mentors.eligible)} и ${people("mentees")(mentees.eligible)}`,
      attention: noConsent > 0,
      action: panelAction(mentees.eligible === 0 && mentees.total > 0 ? "open:mentees" : "open:mentors"),
    },
    {
      key: "matching",
      title: STEP_TITLES.matching,
      done: anyPair,
      facts: anyPair
        ? `пар «наставник — наставляемый»: предложено ${pairs.proposed}, утверждено ${pairs.approved}${pairs.completed > 0 ? `, завершено ${pairs.completed}` : ""}${menteesWaiting > 0 ? `; без наставника ${count(menteesWaiting, "подходящий наставляемый", "подходящих наставляемых", "подходящих наставляемых")}` : ""}`
        : "пар ещё нет",
      attention: false,
      action: panelAction("match"),
    },
    {
      key: "review",
      title: STEP_TITLES.review,
      done: anyPair && pairs.proposed === 0,
      facts:
        pairs.proposed > 0
          ? `ждут решения ${count(pairs.proposed, "предложенная пара", "предложенные пары", "предложенных пар")}`
          : anyPair
            ? "все предложения рассмотрены"
            : "проверять пока нечего",
      attention: false,
      action: panelAction("review"),
    },
    {
      key: "approval",
      title: STEP_TITLES.approval,
      done: working > 0 && pairs.proposed === 0,
      facts:
        working > 0
          ? `утверждено: ${count(pairs.individual, "пара", "пары", "пар")} и ${count(pairs.groups, "группа", "группы", "групп")}, ${count(pairs.approved, "наставляемый", "наставляемых", "наставляемых")}`
          : "утверждённых пар нет",
      attention: false,
      action: panelAction(pairs.proposed > 0 ? "review" : "approve"),
    },
    {
      key: "order",
      title: STEP_TITLES.order,
      done: docs.order !== null && !orderStale,
      facts:
        docs.order === null
          ? "приказ не создан"
          : orderStale
            ? `создан ${formatDateRu(docs.order)}, после него утверждены новые пары — создайте приказ заново`
            : `создан ${formatDateRu(docs.order)}`,
      attention: orderStale,
      action: panelAction("order"),
    },
    {
      key: "programs",
      title: STEP_TITLES.programs,
      done: pairs.approved > 0 && missingPrograms === 0,
      facts:
        pairs.approved === 0
          ? "программы пишутся для утверждённых пар"
          : missingPrograms === 0
            ? `созданы для всех ${pairs.approved} пар «наставник — наставляемый»`
            : `нет программы у ${count(missingPrograms, "пары", "пар", "пар")} из ${pairs.approved}`,
      attention: false,
      action: panelAction("programs"),
    },
    {
      key: "meetings",
      title: STEP_TITLES.meetings,
      done: workOver && activity.pairs > 0,
      facts:
        activity.pairs === 0
          ? "встречи учитываются для утверждённых пар"
          : `${count(activity.meetings, "встреча", "встречи", "встреч")} у ${count(activity.pairs, "пары", "пар", "пар")}${activity.attention > 0 ? `; давно не встречались ${count(activity.attention, "пара", "пары", "пар")}` : "; все пары встречаются"}${uncounted > 0 ? `; ${count(uncounted, "новая пара ещё не учтена", "новые пары ещё не учтены", "новых пар ещё не учтены")} — пересчитайте мониторинг` : ""}`,
      attention: activity.attention > 0,
      action: panelAction(uncounted > 0 ? "monitoring" : "open:pair_activity"),
    },
    {
      key: "monitoring",
      title: STEP_TITLES.monitoring,
      done: workOver && monitoring.programTotal !== null && monitoring.withoutLevel === 0,
      facts:
        monitoring.programTotal === null
          ? "оценок пока нет"
          : `программа — ${monitoring.programTotal} из 18 баллов${monitoring.programLevel ? `, ${monitoring.programLevel} уровень` : ""}${monitoring.withoutLevel > 0 ? `; уровень не определён у ${count(monitoring.withoutLevel, "пары", "пар", "пар")} из ${monitoring.pairs}` : ""}`,
      attention: monitoring.withoutLevel > 0 && endNear,
      action: panelAction("monitoring"),
    },
    {
      key: "results",
      title: STEP_TITLES.results,
      done: docs.closed,
      facts: docs.closed
        ? "цикл завершён"
        : `итоговые анкеты: ${count(surveys.mentees, "наставляемый", "наставляемых", "наставляемых")} и ${count(surveys.mentors, "наставник", "наставника", "наставников")}; справка ${docs.analysis ? `от ${formatDateRu(docs.analysis)}` : "не создана"}, отчёт ${docs.report ? `от ${formatDateRu(docs.report)}` : "не создан"}`,
      attention: false,
      action: panelAction(
        docs.analysis === null ? "analysis" : docs.report === null ? "report" : "closeCycle",
      ),
    },
  ];

  // The current step: the first not done (meetings stay current until the work ends).
  const current = steps.findIndex((s) => !s.done);
  const shown: PanelStep[] = steps.map(({ done, ...s }, i) => ({
    ...s,
    state: i === current ? "now" : done ? "done" : "todo",
  }));

  // --- The warnings that matter, most urgent first.
  if (activity.attention > 0)
    warnings.push({
      text: `${count(activity.attention, "пара", "пары", "пар")} без встреч дольше ${count(settings.stallDays, "дня", "дней", "дней")}: поговорите с наставниками.`,
      action: panelAction("open:pair_activity"),
    });
  if (overdue > 0)
    warnings.push({
      text: `Просрочено ${count(overdue, "мероприятие", "мероприятия", "мероприятий")} дорожной карты.`,
      action: panelAction("roadmapRefresh"),
    });
  if (forms.closed.length > 0)
    warnings.push({
      text: `Не принимают ответы: ${forms.closed.map((f) => `«${f}»`).join(", ")}.`,
      action: panelAction("publishForms"),
    });
  const consents: string[] = [];
  if (mentees.noConsent + mentors.noConsent > 0)
    consents.push(
      `на обработку персональных данных — ${[
        mentees.noConsent > 0 ? people("mentees")(mentees.noConsent) : "",
        mentors.noConsent > 0 ? people("mentors")(mentors.noConsent) : "",
      ]
        .filter((s) => s !== "")
        .join(", ")}`,
    );
  if (mentees.noGuardian + mentors.noGuardian > 0)
    consents.push(
      `законного представителя — ${[
        mentees.noGuardian > 0 ? people("mentees")(mentees.noGuardian) : "",
        mentors.noGuardian > 0 ? people("mentors")(mentors.noGuardian) : "",
      ]
        .filter((s) => s !== "")
        .join(", ")}`,
    );
  if (consents.length > 0)
    warnings.push({
      text: `Нет согласия ${consents.join("; ")}: они не участвуют в подборе, пока согласие не получено.`,
      action: panelAction(mentees.noConsent + mentees.noGuardian > 0 ? "open:mentees" : "open:mentors"),
    });
  if (orderStale)
    warnings.push({
      text: "Приказ создан до утверждения последних пар: создайте его заново.",
      action: panelAction("order"),
    });
  if (monitoring.withoutLevel > 0 && endNear)
    warnings.push({
      text: `Уровень не определён у ${count(monitoring.withoutLevel, "пары", "пар", "пар")}: нужна оценка куратора — показатели 1–5 по каждой паре («Оценка куратора»).`,
      action: panelAction("rubric"),
    });
  for (const w of settings.warnings) warnings.push({ text: w, action: panelAction("open:settings") });

  const startComplete = start.every((i) => i.done);
  const firstStart = start.find((i) => !i.done);
  const step = current >= 0 ? shown[current] : null;
  const next =
    !startComplete && firstStart && !anyPair
      ? {
          text: `Начало работы. ${firstStart.title}: ${firstStart.facts}.`,
          action: firstStart.action,
        }
      : step
        ? { text: `${step.title}: ${step.facts}.`, action: step.action }
        : { text: "Все шаги года выполнены.", action: null };
  return {
    heading: `${school ? `${school} · ` : ""}${label} учебный год`,
    today: todayText,
    ready: true,
    start: { items: start, complete: startComplete },
    steps: shown,
    next,
    warnings,
  };
}

const MARK: Record<StepState, string> = { done: "✓", now: "→", todo: "·" };

/** The panel as text (`mentor status`): the same model the sidebar shows. */
export function describePanel(p: CuratorPanel, command: (a: PanelAction) => string): string {
  const lines: string[] = [`Панель куратора — ${p.heading}, ${p.today}`, ""];
  const act = (a: PanelAction | null) => (a ? ` [${command(a)}]` : "");
  if (!p.ready) {
    lines.push(`Сейчас: ${p.next.text}${act(p.next.action)}`);
    return lines.join("\n");
  }
  if (!p.start.complete) {
    lines.push("Начало работы");
    for (const i of p.start.items)
      lines.push(`  ${i.done ? "✓" : "·"} ${i.title}: ${i.facts}${act(i.action)}`);
    lines.push("");
  }
  lines.push(`Сейчас: ${p.next.text}${act(p.next.action)}`);
  lines.push("");
  lines.push("Шаги года");
  p.steps.forEach((s, i) => {
    lines.push(`  ${MARK[s.state]} ${i + 1}. ${s.title}: ${s.facts}${s.attention ? " (!)" : ""}`);
  });
  if (p.warnings.length > 0) {
    lines.push("");
    lines.push("Требует внимания");
    for (const w of p.warnings) lines.push(`  ! ${w.text}${act(w.action)}`);
  }
  return lines.join("\n");
}
