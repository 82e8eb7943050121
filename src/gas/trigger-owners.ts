/**
 * Who owns the workbook's installable triggers. ScriptApp.getProjectTriggers() lists only the
 * current user's triggers, and an installable trigger runs as the user who created it (Apps Script
 * «Installable triggers»: "Installable triggers always run under the account of the person who
 * created them"; getProjectTriggers: "Gets all installable triggers associated with the current
 * project and current user"). So a second curator sees none of the first one's triggers and would
 * install a second of each. The script properties, shared by every user of the script, record
 * each handler's one trigger: its owner's e-mail and its unique ID.
 */
import type { SubmitTriggerState } from "../core/questionnaires/port";
import type { TriggerInfo } from "../core/usecases/access";

export interface TriggerOwner {
  handler: string;
  owner: string;
  id: string;
}

const PREFIX = "trigger.owner.";

function props(): GoogleAppsScript.Properties.Properties {
  return PropertiesService.getScriptProperties();
}

/** The effective user: the one a trigger created now runs as ("" when Apps Script withholds it). */
export function currentUser(): string {
  try {
    return Session.getEffectiveUser().getEmail();
  } catch (_e) {
    return "";
  }
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The recorded trigger of a handler, or null. */
export function recordedTrigger(handler: string): TriggerOwner | null {
  const raw = props().getProperty(PREFIX + handler);
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<TriggerOwner>;
    return { handler, owner: String(v.owner ?? ""), id: String(v.id ?? "") };
  } catch (_e) {
    return null;
  }
}

/** Every recorded trigger. */
export function recordedTriggers(): TriggerOwner[] {
  return props()
    .getKeys()
    .filter((k) => k.indexOf(PREFIX) === 0)
    .map((k) => recordedTrigger(k.slice(PREFIX.length)))
    .filter((t): t is TriggerOwner => t !== null);
}

function record(handler: string, owner: string, id: string): void {
  props().setProperty(PREFIX + handler, JSON.stringify({ owner, id }));
}

/** Records a trigger the current user has just created (or kept) as the handler's one. */
export function noteTrigger(handler: string, trigger: GoogleAppsScript.Script.Trigger): void {
  record(handler, currentUser(), trigger.getUniqueId());
}

/** Forgets a handler's trigger (it was removed by its owner). */
export function forgetTrigger(handler: string): void {
  props().deleteProperty(PREFIX + handler);
}

/** Whether `user` can still open the spreadsheet as its owner or an editor (else their triggers fail). */
function hasAccess(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, user: string): boolean {
  const owner = ss.getOwner()?.getEmail() ?? "";
  if (same(owner, user)) return true;
  return ss.getEditors().some((e) => same(e.getEmail(), user));
}

/**
 * The other curator whose trigger is the handler's one, while they still have access to the
 * workbook; null when there is none, it is the current user's, or its owner lost access.
 */
export function otherOwner(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, handler: string): string | null {
  const rec = recordedTrigger(handler);
  if (!rec || rec.owner === "" || same(rec.owner, currentUser())) return null;
  return hasAccess(ss, rec.owner) ? rec.owner : null;
}

/**
 * One trigger of `handler` per workbook, whoever runs this. When the recorded owner is someone
 * else who still has access, theirs is the one: the current user's own triggers of the handler
 * are deleted as duplicates and none is created. Otherwise (none recorded, recorded as the current
 * user, or its owner lost access to the workbook) the current user's first trigger is kept, or one
 * is created, and recorded; their other ones are deleted.
 */
export function ensureSingleTrigger(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  handler: string,
  create: () => GoogleAppsScript.Script.Trigger,
): SubmitTriggerState {
  const me = currentUser();
  // `handler` is a *_HANDLER constant of the caller (test/build/entry-points.test.ts checks those).
  const mine = ScriptApp.getProjectTriggers().filter((t) => handler === t.getHandlerFunction());
  const rec = recordedTrigger(handler);
  const other = otherOwner(ss, handler);
  if (other) {
    for (const t of mine) ScriptApp.deleteTrigger(t);
    return { owner: other, mine: false, created: false, removed: mine.length };
  }
  const kept = mine.find((t) => rec !== null && t.getUniqueId() === rec.id) ?? mine[0];
  for (const t of mine) if (t !== kept) ScriptApp.deleteTrigger(t);
  const trigger = kept ?? create();
  record(handler, me, trigger.getUniqueId());
  const replaced = rec && rec.owner !== "" && !same(rec.owner, me) ? { replaced: rec.owner } : {};
  return { owner: me, mine: true, created: !kept, removed: mine.length - (kept ? 1 : 0), ...replaced };
}

/** What each handler's trigger does and which menu item installs it, in Russian. */
const LABELS: Record<string, { label: string; fix: string }> = {
  onFormResponse: { label: "ответы анкет", fix: "«Создать / обновить анкеты»" },
  dailyReminders: {
    label: "ежедневные напоминания",
    fix: "«Дорожная карта: включить ежедневные напоминания»",
  },
  onMonthlyReport: { label: "ежемесячный отчёт директору", fix: "«Ежемесячный отчёт директору: включить»" },
  continueJobs: { label: "продолжение длительной операции", fix: "" },
};

/** The menu item that installs a handler's trigger, in Russian quotes ("" for the continuation). */
export function fixOf(handler: string): string {
  return LABELS[handler]?.fix ?? "";
}

function labelled(handler: string, owner: string): TriggerInfo {
  const l = LABELS[handler] ?? { label: handler, fix: "" };
  return { label: l.label, owner, fix: l.fix };
}

/**
 * The program's triggers with their owners, for «Проверить доступ»: the recorded ones (of any
 * user) and the current user's own that are not recorded. Another user's unrecorded trigger (one
 * installed before the program recorded owners) stays invisible: Apps Script shows nobody else's.
 */
export function programTriggers(): TriggerInfo[] {
  const me = currentUser();
  const mine = ScriptApp.getProjectTriggers();
  const mineIds = new Set(mine.map((t) => t.getUniqueId()));
  // A record of the current user's whose trigger is gone (deleted by hand) is stale.
  const recorded = recordedTriggers().filter((t) => !same(t.owner, me) || mineIds.has(t.id));
  const ids = new Set(recorded.map((t) => t.id));
  return [
    ...recorded.map((t) => labelled(t.handler, t.owner)),
    ...mine.filter((t) => !ids.has(t.getUniqueId())).map((t) => labelled(t.getHandlerFunction(), me)),
  ];
}
