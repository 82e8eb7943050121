/**
 * Trigger error reporting. A trigger runs with nobody watching: when it throws — or when its own
 * catch logged a failure in «Журнал» — the failure is logged with its context and the curator is
 * mailed, at most once a day (core/jobs/alerts.ts). Nothing here ever throws.
 */
import { alertCurator, type Failure, reportFailure } from "../core/jobs/alerts";
import type { StatePort } from "../core/jobs/job";
import type { Cell } from "../core/ports";
import { sheetName } from "../core/templates/load";
import { type Permission, triggerPermissionProblem } from "./permissions";
import { gasClock, gasMailer } from "./ports";
import { fixOf } from "./trigger-owners";
import { GasWorkbook } from "./workbook";

/** StatePort on the script's properties (shared by every user and trigger of the script). */
export function scriptState(): StatePort {
  // Asked for at the first use, once: an execution shares one state (GasContext.state).
  let store: GoogleAppsScript.Properties.Properties | null = null;
  const props = () => {
    store ??= PropertiesService.getScriptProperties();
    return store;
  };
  return {
    get: (k) => props().getProperty(k),
    set: (k, v) => {
      props().setProperty(k, v);
    },
    delete: (k) => {
      props().deleteProperty(k);
    },
    keys: (prefix) =>
      props()
        .getKeys()
        .filter((k) => k.indexOf(prefix) === 0),
    entries: (prefix) => {
      const all = props().getProperties();
      const out: Record<string, string> = {};
      for (const k of Object.keys(all)) if (k.indexOf(prefix) === 0) out[k] = all[k];
      return out;
    },
  };
}

function effectiveEmail(): string {
  try {
    return Session.getEffectiveUser().getEmail();
  } catch (_e) {
    return "";
  }
}

function alertPorts(ss: GoogleAppsScript.Spreadsheet.Spreadsheet) {
  return {
    workbook: new GasWorkbook(ss),
    clock: gasClock(ss),
    state: scriptState(),
    mailer: gasMailer(),
    fallbackRecipient: effectiveEmail(),
  };
}

export interface JournalLine {
  level: string;
  operation: string;
  message: string;
  source: string;
}

export interface GuardSpec {
  /** The handler's name, for «Журнал» («onFormResponse»). */
  handler: string;
  /** What failed, in Russian («Обработка ответа анкеты»). */
  operation: string;
  /** A line the handler's own catch writes to «Журнал» when it fails (it then does not throw). */
  failedLine?: (line: JournalLine) => boolean;
  /** Called once after a failure (e.g. to queue a replay of what was not processed). */
  onFailure?: () => void;
  /** Where, for the log («лист «…», строка 12»). */
  source?: string;
  /**
   * The permissions the body needs (permissions.ts). A trigger cannot ask for one its owner
   * unticked: without it the body is skipped and the reason, in Russian, logged and mailed.
   */
  requires?: readonly Permission[];
  original?: unknown;
}

/** The rows «Журнал» got since `before` (its last row then), at most 50, as lines. */
function journalSince(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, before: number): JournalLine[] {
  const name = sheetName("log");
  const sh = ss.getSheetByName(name);
  if (!sh) return [];
  const last = sh.getLastRow();
  if (last <= before || before < 1) return [];
  const first = Math.max(before + 1, last - 49);
  const wb = new GasWorkbook(ss);
  const keys = (wb.readRows(name, 1, 1)[0] ?? []).map((k: Cell) => String(k));
  const col = (k: string) => keys.indexOf(k);
  return wb.readRows(name, first, last - first + 1).map((r) => ({
    level: String(r[col("level")] ?? ""),
    operation: String(r[col("operation")] ?? ""),
    message: String(r[col("message")] ?? ""),
    source: String(r[col("source")] ?? ""),
  }));
}

/** Runs a trigger's body; reports what failed (journal + one mail a day). Never throws. */
export function guardTrigger(spec: GuardSpec, body: () => void): void {
  let ss: GoogleAppsScript.Spreadsheet.Spreadsheet | null = null;
  let before = -1;
  try {
    ss = SpreadsheetApp.getActive();
    const log = ss.getSheetByName(sheetName("log"));
    before = log ? log.getLastRow() : -1;
  } catch (_e) {
    ss = null;
  }
  let failure: Failure | null = null;
  const missing = spec.requires
    ? triggerPermissionProblem(spec.requires, effectiveEmail(), fixOf(spec.handler))
    : null;
  if (missing) {
    failure = {
      operation: spec.operation,
      message: missing,
      source: spec.source ?? `обработчик ${spec.handler}`,
    };
    console.error(`Наставничество: ${spec.operation}: ${missing}`);
    if (ss) reportFailure(alertPorts(ss), failure);
    return;
  }
  try {
    body();
  } catch (e) {
    failure = {
      operation: spec.operation,
      message: `${e instanceof Error ? e.message : String(e)}`,
      source: spec.source ?? `обработчик ${spec.handler}`,
      original: spec.original,
    };
    console.error(`Наставничество: ${spec.operation}: ${failure.message}`);
    if (ss) reportFailure(alertPorts(ss), failure);
  }
  if (!failure && ss && spec.failedLine) {
    try {
      const line = journalSince(ss, before).find(spec.failedLine);
      if (line) {
        failure = { operation: spec.operation, message: line.message, source: line.source };
        alertCurator(alertPorts(ss), failure);
      }
    } catch (e) {
      console.error(`Наставничество: ${spec.operation}: журнал не прочитан: ${String(e)}`);
    }
  }
  if (failure && spec.onFailure)
    try {
      spec.onFailure();
    } catch (e) {
      console.error(`Наставничество: ${spec.operation}: ${String(e)}`);
    }
}
