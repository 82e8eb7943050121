import { submissionsFromGrid } from "../intake/grid";
import type { Submission } from "../intake/submission";
import { ELIGIBLE } from "../participants/eligibility";
import type { Cell, ClockPort, LockPort, ProgressPort, WorkbookPort } from "../ports";
import { formPlan, personChoice } from "../questionnaires/form-plan";
import type { FormsPort, SubmitTriggerState, UnavailableForm } from "../questionnaires/port";
import { formatTemplates } from "../questionnaires/prefill";
import { questionnaires } from "../questionnaires/schema";
import { sheetName } from "../templates/load";
import { appendJournal, type JournalEntry } from "../workbook/journal";
import { type NewRow, Table } from "../workbook/table";
import { describeIntake, type IntakeSummary, intakeSubmissions, readLists } from "./intake";

export interface FormsPorts {
  workbook: WorkbookPort;
  forms: FormsPort;
  clock: ClockPort;
  progress: ProgressPort;
  lock?: LockPort;
  user?: string;
}

/** Eligible bank members as «ФИО (ID)» choices, for the preferences forms. */
export function peopleChoices(wb: WorkbookPort): Record<"mentor" | "mentee", string[]> {
  const out = { mentor: [] as string[], mentee: [] as string[] };
  for (const [role, sheet] of [
    ["mentor", "mentors"],
    ["mentee", "mentees"],
  ] as const) {
    const t = Table.load(wb, sheet);
    for (const { values } of t.records())
      if (values.eligibility === ELIGIBLE && String(values.full_name).trim() !== "")
        out[role].push(personChoice(String(values.full_name).trim(), String(values.id)));
    out[role].sort((a, b) => a.localeCompare(b, "ru"));
  }
  return out;
}

/** After a relink: answers that came while the form had no sheet reach the banks by a replay. */
export const REPLAY_HINT =
  "Чтобы учесть в базах ответы, поступившие, пока связи не было, выполните «Переобработать ответы».";

/** «Приём ответов» of a form respondents can answer. */
export const FORM_OPEN = "открыта";

/** «Приём ответов» of a form that accepts no responses, and why (Russian). */
export function formClosedState(because: string): string {
  return `не принимает ответы: ${because}`;
}

export interface PublishResult {
  published: string[];
  triggerCreated: boolean;
  relinked: string[];
  /** Forms that accept no responses (unpublished, closed): one Russian line each. */
  closed: string[];
  /** Forms «Анкеты» names that the current user cannot open: one Russian line each. */
  unavailable: string[];
  /** Newly linked forms whose response sheet Google has not created yet: one line each. */
  pending: string[];
  trigger: SubmitTriggerState;
}

function closedLine(title: string, because: string): string {
  return (
    `Анкета «${title}» не принимает ответы: ${because}. Участники не смогут её заполнить: откройте форму по ` +
    "ссылке для редактирования с листа «Анкеты» и нажмите «Опубликовать» (или включите «Принимать ответы»)."
  );
}

function unavailableLine(title: string, u: UnavailableForm["unavailable"]): string {
  return (
    `Анкета «${title}»: форма ${u.formId} не открывается от имени ${u.user || "текущего пользователя"} ` +
    `(нет доступа или форма удалена: ${u.error}). Новая форма не создана: ссылку на прежнюю уже получили ` +
    "участники, и их ответы потерялись бы. Попросите владельца формы открыть вам доступ редактора или выполните " +
    "«Создать / обновить анкеты» от его имени; если форма удалена, очистите её «ID формы» на листе «Анкеты» и повторите."
  );
}

/** What a curator should know about the one submit trigger (empty when it is simply theirs). */
export function describeSubmitTrigger(t: SubmitTriggerState): string[] {
  const out: string[] = [];
  if (!t.mine)
    out.push(
      `Обработчик ответов анкет установлен куратором ${t.owner || "(неизвестно)"} и работает от его имени; ` +
        "второй не установлен, чтобы ответы не обрабатывались дважды." +
        (t.removed > 0 ? " Ваш лишний обработчик ответов удалён." : ""),
    );
  else if (t.replaced)
    out.push(
      `Обработчик ответов анкет работал от имени ${t.replaced}, у которого больше нет доступа к таблице; ` +
        `теперь он работает от вашего имени (${t.owner}).`,
    );
  return out;
}

/**
 * «Создать / обновить анкеты»: each questionnaire's form is created, or updated in place when
 * «Анкеты» already knows its ID; its responses are linked to this workbook; it is published (Google
 * creates forms unpublished); the one submit trigger is installed unless another curator's is the
 * one; the links and whether each form accepts responses go to «Анкеты». A form that had lost its
 * response sheet (deleted by hand) or its link is linked again: the responses it kept land on a
 * new «Ответы — …» sheet, and each such repair is a line of «Журнал» and of `relinked`. A form the
 * current user cannot open is reported, never replaced by a new one.
 */
export function publishForms(ports: FormsPorts, only?: string[]): PublishResult {
  const wb = ports.workbook;
  // Every sheet read here, with one request where the adapter can.
  wb.prefetch?.((["lists", "mentors", "mentees", "forms_registry", "log"] as const).map((k) => sheetName(k)));
  const lists = readLists(wb);
  const people = peopleChoices(wb);
  const registry = Table.load(wb, "forms_registry");
  const list = questionnaires().filter((q) => !only || only.includes(q.key));
  const published: string[] = [];
  const relinked: string[] = [];
  const closed: string[] = [];
  const unavailable: string[] = [];
  const pending: string[] = [];
  const requests = list.map((q) => {
    const row = registry.find("form_key", q.key);
    return {
      plan: formPlan(q, lists, people),
      existingId: row >= 0 ? String(registry.get(row, "form_id")).trim() || null : null,
    };
  });
  // All at once where the adapter batches its calls across forms, else one by one.
  const report = (i: number) => ports.progress.report(`Анкета «${list[i].title}»`, i, list.length);
  const batched = ports.forms.publishAll ? ports.forms.publishAll(requests, report) : null;
  list.forEach((q, i) => {
    if (!batched) report(i);
    const row = registry.find("form_key", q.key);
    const form = batched ? batched[i] : ports.forms.publish(requests[i].plan, requests[i].existingId);
    if ("unavailable" in form) {
      unavailable.push(unavailableLine(q.title, form.unavailable));
      return;
    }
    const because = form.closedBecause ?? "причина неизвестна";
    const values: NewRow<"forms_registry"> = {
      form_key: q.key,
      title: q.title,
      respondent_url: form.respondentUrl,
      edit_url: form.editUrl,
      form_id: form.formId,
      response_sheet: form.responseSheet,
      publish_state: form.accepting ? FORM_OPEN : formClosedState(because),
      prefill_url: form.prefillTemplates ? formatTemplates(form.prefillTemplates) : "",
      updated_at: ports.clock.now(),
    };
    if (row >= 0) registry.setAll(row, values);
    else registry.add({ ...values, responses: 0 });
    published.push(q.title);
    if (!form.accepting) closed.push(closedLine(q.title, because));
    if (form.relinked)
      relinked.push(
        `Анкета «${q.title}» заново связана с таблицей: ${form.relinked}. ` +
          (form.responseSheet
            ? `Ответы, сохранённые в форме, — на листе «${form.responseSheet}».`
            : "Лист ответов ещё не появился: повторите «Создать / обновить анкеты» через минуту."),
      );
    else if (!form.responseSheet)
      pending.push(
        `Лист ответов анкеты «${q.title}» ещё не появился (Google создаёт его не сразу). Ответы не потеряются: ` +
          "программа узнает лист по его форме. Повторите «Создать / обновить анкеты» через минуту, чтобы лист " +
          `получил имя «Ответы — ${q.title}».`,
      );
  });
  registry.flush(wb);
  const trigger = ports.forms.ensureSubmitTrigger();
  const triggerCreated = trigger.created;
  ports.progress.report("Готово", list.length, list.length);
  const at = ports.clock.now();
  const warn = (message: string): JournalEntry => ({
    at,
    level: "предупреждение",
    operation: "Анкеты",
    message,
    user: ports.user,
  });
  const journal: JournalEntry[] = [
    ...unavailable.map(warn),
    ...closed.map(warn),
    ...relinked.map((message) => warn(`${message} ${REPLAY_HINT}`)),
    ...pending.map(warn),
    ...describeSubmitTrigger(trigger).map(warn),
  ];
  journal.push({
    at,
    level: "информация",
    operation: "Анкеты",
    message: `Созданы или обновлены анкеты: ${published.join(", ")}${triggerCreated ? `; установлен обработчик ответов (работает от имени ${trigger.owner || "текущего пользователя"})` : ""}`,
    user: ports.user,
  });
  appendJournal(wb, journal, Table.load(wb, "log").columns);
  return { published, triggerCreated, relinked, closed, unavailable, pending, trigger };
}

/** The toast of «Создать / обновить анкеты». */
export function describePublish(
  r: Pick<PublishResult, "published" | "relinked"> & Partial<PublishResult>,
): string {
  const head = `Анкеты готовы (${r.published.length}). Ссылки — на листе «Анкеты».`;
  const lines = [
    ...(r.unavailable ?? []),
    ...(r.closed ?? []),
    ...r.relinked,
    ...(r.relinked.length > 0 ? [REPLAY_HINT] : []),
    ...(r.pending ?? []),
    ...(r.trigger ? describeSubmitTrigger(r.trigger) : []),
  ];
  return [head, ...lines].join("\n");
}

/** The questionnaire of «Анкеты» whose responses land in a sheet, and the sheet it recorded. */
export interface ResponseSheetClaim {
  formKey: string;
  title: string;
  /** «Лист ответов» as «Анкеты» records it: another name when the sheet was renamed since. */
  recordedSheet: string;
}

/**
 * The questionnaire whose responses land in a sheet. By its form first (Sheet.getFormUrl() names
 * the form; `formId` is that form's ID), so a response sheet a curator renamed is still claimed;
 * then by the name «Анкеты» records, unless the questionnaire recorded another form.
 */
export function claimResponseSheet(
  wb: WorkbookPort,
  sheet: string,
  formId: string | null = null,
): ResponseSheetClaim | null {
  const registry = Table.load(wb, "forms_registry");
  const claim = (row: number): ResponseSheetClaim => ({
    formKey: String(registry.get(row, "form_key")),
    title: String(registry.get(row, "title")),
    recordedSheet: String(registry.get(row, "response_sheet")).trim(),
  });
  if (formId) {
    const byForm = registry.find("form_id", formId);
    if (byForm >= 0) return claim(byForm);
  }
  const byName = registry.find("response_sheet", sheet);
  if (byName < 0) return null;
  const recordedForm = String(registry.get(byName, "form_id")).trim();
  return formId && recordedForm !== "" && recordedForm !== formId ? null : claim(byName);
}

/**
 * Records in «Анкеты» the name a claimed response sheet has now (a curator renamed it, or Google
 * created it after «Создать / обновить анкеты» ran), so the replay and the checks find it; a line
 * of «Журнал» says so.
 */
export function recordResponseSheet(
  ports: { workbook: WorkbookPort; clock: ClockPort; user?: string },
  claim: ResponseSheetClaim,
  sheet: string,
): void {
  const wb = ports.workbook;
  const registry = Table.load(wb, "forms_registry");
  const row = registry.find("form_key", claim.formKey);
  if (row < 0) return;
  registry.set(row, "response_sheet", sheet);
  registry.flush(wb);
  appendJournal(
    wb,
    [
      {
        at: ports.clock.now(),
        level: "информация",
        operation: "Анкеты",
        message: claim.recordedSheet
          ? `Лист ответов анкеты «${claim.title}» теперь называется «${sheet}» (был «${claim.recordedSheet}»): запись на листе «Анкеты» обновлена.`
          : `Лист ответов анкеты «${claim.title}» появился: «${sheet}»; запись на листе «Анкеты» обновлена.`,
        user: ports.user,
      },
    ],
    Table.load(wb, "log").columns,
  );
}

function sourceLabel(sheet: string) {
  return (row: number) => `лист «${sheet}», строка ${row}`;
}

/** The submissions of rows of a response sheet (`firstRow` is the 1-based sheet row of `rows[0]`). */
export function responseRowsSubmissions(
  sheet: string,
  header: Cell[],
  rows: Cell[][],
  firstRow: number,
): Submission[] {
  return submissionsFromGrid([header, ...rows], (r) => sourceLabel(sheet)(firstRow + r - 2));
}

/**
 * The submit trigger: the rows a response added (or an edit rewrote) in a linked response sheet,
 * taken through intake. `firstRow`/`lastRow` are 1-based sheet rows.
 */
export function onResponseRows(
  ports: { workbook: WorkbookPort; clock: ClockPort; lock?: LockPort; user?: string },
  sheet: string,
  header: Cell[],
  rows: Cell[][],
  firstRow: number,
): IntakeSummary | null {
  const formKey = claimResponseSheet(ports.workbook, sheet)?.formKey;
  if (!formKey) return null;
  return intakeSubmissions(ports, formKey, responseRowsSubmissions(sheet, header, rows, firstRow));
}

/**
 * «Переобработать ответы»: every linked response sheet replayed through intake, idempotently.
 * One read per response sheet; the banks change only where an answer differs.
 */
export function replayResponses(ports: FormsPorts): IntakeSummary[] {
  const wb = ports.workbook;
  const registry = Table.load(wb, "forms_registry");
  const names = new Set(wb.sheetNames());
  const results: IntakeSummary[] = [];
  const rows = registry.records();
  rows.forEach(({ row, values }, i) => {
    const sheet = String(values.response_sheet).trim();
    const formKey = String(values.form_key).trim();
    ports.progress.report(`Ответы «${sheet}»`, i, rows.length);
    if (sheet === "" || !names.has(sheet)) return;
    const subs: Submission[] = submissionsFromGrid(wb.read(sheet), sourceLabel(sheet));
    const summary = intakeSubmissions(ports, formKey, subs);
    results.push(summary);
    registry.set(row, "responses", subs.length);
  });
  registry.flush(wb);
  ports.progress.report("Готово", rows.length, rows.length);
  return results;
}

export function describeReplay(results: IntakeSummary[]): string {
  if (results.length === 0) return "Нет листов с ответами: сначала создайте анкеты.";
  return results.map(describeIntake).join("\n");
}
