/**
 * An in-memory fake of the Apps Script services, for running the built bundle (dist/Code.js)
 * under gas-local in a vm context, and for checking what it did. See README.md.
 *
 *   const fake = createGasFake({ sheets: { Ученики: [["ФИО", "Класс"], ["Иванов", "7А"]] } });
 *   const ctx = fake.loadScript("dist");          // or gasLocal.require(dir, fake.globals)
 *   fake.call("onOpen");
 *   fake.sheet("Ученики").values();               // read back, uncounted
 *   fake.calls.total("Spreadsheet");              // Spreadsheet-service calls made by the script
 *
 * Other services (FormApp, DocumentApp, DriveApp...) plug in by adding entries to `globals`
 * before loading the script; they can build on Env and `instrument` (calls.ts) to be counted.
 */
import type * as vm from "node:vm";
import { type AuthPrompt, ExecutionEnded } from "./auth";
import { FakeCacheService } from "./cache";
import type { CallLog } from "./calls";
import { createCharts } from "./charts";
import { Env, type FormulaEvaluator, type Users } from "./env";
import { Executions, type RefusedExecution } from "./executions";
import { FakeHtmlService } from "./html";
import { type SheetInspector, SpreadsheetInspector } from "./inspect";
import { FakeLockService } from "./lock";
import { FakeConsole, FakeLogger } from "./logging";
import { FakeMailApp } from "./mail";
import { SpreadsheetModel } from "./model";
import { FakePropertiesService } from "./properties";
import { FakeSession } from "./session";
import { FakeSheetsAdvancedService } from "./sheets-api";
import { FakeSpreadsheetApp } from "./spreadsheet";
import { emptyState, type FakeState, type LockKind } from "./state";
import { FakeScriptApp } from "./triggers";
import { FakeUtilities } from "./utilities";

export type { AuthPrompt } from "./auth";
export type { CallLog } from "./calls";
export type { CellRef, FormulaEvaluator, Users } from "./env";
export type { RefusedExecution } from "./executions";
export type {
  CellInfo,
  ChartInfo,
  ConditionalRuleInfo,
  InvalidCell,
  ProtectionInfo,
  SheetInspector,
  SpreadsheetInspector,
} from "./inspect";
export type * from "./state";
export type { ValidationInfo } from "./validation";
export type { Scalar } from "./values";

export interface GasFakeOptions {
  /** Initial sheets, in order, with values typed from A1 (default: one empty "Лист1"). */
  sheets?: Record<string, unknown[][]>;
  spreadsheetId?: string;
  spreadsheetName?: string;
  /** Spreadsheet and script time zone (default "Europe/Moscow"). */
  timeZone?: string;
  /** Spreadsheet locale (default "ru_RU"): display values, default sheet names. */
  locale?: string;
  owner?: string;
  /** Defaults to the owner. */
  activeUser?: string;
  /** Defaults to the active user. */
  effectiveUser?: string;
  /** Editors besides the owner. */
  editors?: string[];
  /** MailApp daily quota (default 100, a consumer account's). */
  mailQuota?: number;
  /** Files for HtmlService.createHtmlOutputFromFile / createTemplateFromFile. */
  htmlFiles?: Record<string, string>;
  /** Computes formula values for getValues (default: every formula reads as ""). */
  formulaEvaluator?: FormulaEvaluator;
  /**
   * Also parse written text the way Sheets does beyond the basics: "TRUE"/"FALSE" to booleans,
   * "50%" to 0.5, "2024-09-01" and "01.09.2024" to dates (default false).
   */
  extendedInputParsing?: boolean;
  /** Clock for CacheService expiry and console.time (default Date.now). */
  now?: () => number;
  scriptId?: string;
  /** Also print Logger/console lines to stdout. */
  echoLogs?: boolean;
  properties?: Partial<Record<"script" | "document" | "user", Record<string, string>>>;
  /**
   * The manifest's OAuth scopes (appsscript.json «oauthScopes»): every user grants them all unless
   * `auth.grant` says otherwise, and a call needing another scope throws. Default: no manifest,
   * every call allowed.
   */
  oauthScopes?: string[];
}

/** The scopes each user granted (see auth.ts). */
export interface AuthControl {
  /** The manifest's scopes, or null. */
  readonly manifest: string[] | null;
  /** `user` granted exactly `scopes` (Google's consent screen with some boxes unticked). */
  grant(user: string, scopes: readonly string[]): void;
  /** `user` takes back `scopes` (or unticked them). */
  revoke(user: string, scopes: readonly string[]): void;
  /** What `user` has granted (the whole manifest unless changed). */
  granted(user: string): string[];
  /** The authorization prompts requireScopes / requireAllScopes rendered. */
  readonly prompts: AuthPrompt[];
}

/** The Apps Script globals the fake provides; add more entries before loading a script. */
export interface GasGlobals {
  SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  Charts: GoogleAppsScript.Charts.Charts;
  LockService: GoogleAppsScript.Lock.LockService;
  PropertiesService: GoogleAppsScript.Properties.PropertiesService;
  ScriptApp: GoogleAppsScript.Script.ScriptApp;
  Session: GoogleAppsScript.Base.Session;
  Utilities: GoogleAppsScript.Utilities.Utilities;
  MailApp: GoogleAppsScript.Mail.MailApp;
  CacheService: GoogleAppsScript.Cache.CacheService;
  HtmlService: GoogleAppsScript.HTML.HtmlService;
  Logger: GoogleAppsScript.Base.Logger;
  console: Console;
  [name: string]: unknown;
}

export interface LockControl {
  /** Simulates another execution holding the lock; it lets go after `releaseAfterMs` of waiting, or never. */
  holdByOther(kind?: LockKind, releaseAfterMs?: number): void;
  /** Frees the lock, whoever holds it. */
  release(kind?: LockKind): void;
  isHeld(kind?: LockKind): boolean;
}

export interface GasFake {
  /** Pass to gasLocal.require(dir, globals); extend it with more services first if needed. */
  globals: GasGlobals;
  /** The shared environment, for plugging in more service fakes (FormApp, DocumentApp...). */
  env: Env;
  /** Everything recorded: toasts, alerts, prompts, menus, dialogs, mails, logs, triggers, properties... */
  state: FakeState;
  calls: CallLog;
  /** Who is running the script; change `active` / `effective` to act as a curator or a trigger owner. */
  users: Users;
  /** The active spreadsheet, for tests (uncounted). */
  spreadsheet: SpreadsheetInspector;
  /** Shortcut for spreadsheet.sheet(name). */
  sheet(name: string): SheetInspector;
  lock: LockControl;
  /** The scopes each user granted the script (auth.ts). */
  auth: AuthControl;
  /** Executions refused because their user had 30 running (executions.ts). */
  refusedExecutions: RefusedExecution[];
  /**
   * Every execution started inside `fn` overlaps the others (as 60 respondents submitting at once
   * would): each keeps its slot until `fn` returns, and a user's 31st is refused (executions.ts).
   */
  simultaneously<T>(fn: () => T): T;
  /** Makes values for script code in this vm context's realm (automatic with loadScript / gas-local). */
  bindContext(context: vm.Context): void;
  /** Loads every .js file of `dir` with gas-local into a context whose globals are `globals`. */
  loadScript(dir: string): vm.Context;
  /**
   * Calls a top-level function of the loaded script: one execution of the effective user (refused,
   * returning undefined, when they have 30 running; see `simultaneously`). An execution ended by
   * requireScopes returns undefined.
   */
  call(functionName: string, ...args: unknown[]): unknown;
  /**
   * Fires an installable trigger as Apps Script would: its handler runs as the trigger's owner,
   * with no UI, given an event object with `triggerUid`. A one-off clock trigger (after() / at())
   * is spent as it fires: it stays listed until the script deletes it, but never fires again
   * (false is returned, nothing runs), as for a deleted trigger.
   */
  fireTrigger(triggerId: string): boolean;
}

export function createGasFake(options: GasFakeOptions = {}): GasFake {
  const timeZone = options.timeZone ?? "Europe/Moscow";
  const locale = options.locale ?? "ru_RU";
  const owner = options.owner ?? "owner@school.example";
  const active = options.activeUser ?? owner;
  const users: Users = { owner, active, effective: options.effectiveUser ?? active };
  const state = emptyState(options.mailQuota ?? 100);
  for (const scope of ["script", "document", "user"] as const) {
    Object.assign(state.properties[scope], options.properties?.[scope]);
  }

  let globals: GasGlobals | undefined;
  let context: vm.Context | undefined;
  const env = new Env(
    state,
    users,
    {
      scriptId: options.scriptId ?? "fake-script-id",
      formulaEvaluator: options.formulaEvaluator,
      extendedInputParsing: options.extendedInputParsing ?? false,
      echoLogs: options.echoLogs ?? false,
      htmlFiles: options.htmlFiles ?? {},
    },
    options.now ?? Date.now,
    () => context ?? globals,
  );

  const ss = new SpreadsheetModel(
    options.spreadsheetId ?? "fake-spreadsheet-id",
    options.spreadsheetName ?? "Наставничество",
    timeZone,
    locale,
    owner,
    options.editors ?? [],
  );
  if (options.oauthScopes) env.auth.manifest = [...options.oauthScopes];
  const executions = new Executions();
  env.spreadsheets.set(ss.id, ss);
  env.activeSpreadsheetId = ss.id;
  const spreadsheet = new SpreadsheetInspector(env, ss);
  const initial = options.sheets ?? { [ss.defaultSheetName()]: [] };
  for (const [name, values] of Object.entries(initial)) spreadsheet.addSheet(name, values);
  ss.activeSheet = ss.sheets[0];

  globals = {
    SpreadsheetApp: new FakeSpreadsheetApp(env) as unknown as GoogleAppsScript.Spreadsheet.SpreadsheetApp,
    Charts: createCharts() as GoogleAppsScript.Charts.Charts,
    LockService: new FakeLockService(env) as unknown as GoogleAppsScript.Lock.LockService,
    PropertiesService: new FakePropertiesService(
      env,
    ) as unknown as GoogleAppsScript.Properties.PropertiesService,
    ScriptApp: new FakeScriptApp(env) as unknown as GoogleAppsScript.Script.ScriptApp,
    Session: new FakeSession(env, timeZone, locale.split("_")[0]) as unknown as GoogleAppsScript.Base.Session,
    Utilities: new FakeUtilities(env) as unknown as GoogleAppsScript.Utilities.Utilities,
    MailApp: new FakeMailApp(env) as unknown as GoogleAppsScript.Mail.MailApp,
    CacheService: new FakeCacheService(env) as unknown as GoogleAppsScript.Cache.CacheService,
    HtmlService: new FakeHtmlService(env) as unknown as GoogleAppsScript.HTML.HtmlService,
    Logger: new FakeLogger(env) as unknown as GoogleAppsScript.Base.Logger,
    console: new FakeConsole(env) as unknown as Console,
    // The Sheets advanced service, enabled in the manifest (appsscript.json): sheets-api.ts.
    Sheets: new FakeSheetsAdvancedService(env),
  };
  const theGlobals = globals;

  const lockOf = (kind: LockKind = "script") => state.locks[kind];

  return {
    globals: theGlobals,
    env,
    state,
    calls: env.calls,
    users,
    spreadsheet,
    sheet: (name) => spreadsheet.sheet(name),
    lock: {
      holdByOther(kind, releaseAfterMs) {
        const l = lockOf(kind);
        l.holder = "other";
        l.otherReleasesAfterMs = releaseAfterMs;
      },
      release(kind) {
        const l = lockOf(kind);
        l.holder = null;
        l.otherReleasesAfterMs = undefined;
      },
      isHeld: (kind) => lockOf(kind).holder !== null,
    },
    auth: {
      get manifest() {
        return env.auth.manifest;
      },
      grant(user, scopes) {
        env.auth.grants.set(user.toLowerCase(), new Set(scopes));
      },
      revoke(user, scopes) {
        const now = new Set(env.auth.grantedTo(user) ?? []);
        for (const s of scopes) now.delete(s);
        env.auth.grants.set(user.toLowerCase(), now);
      },
      granted: (user) => [...(env.auth.grantedTo(user) ?? [])],
      prompts: env.auth.prompts,
    },
    refusedExecutions: executions.refused,
    simultaneously: (fn) => executions.simultaneously(fn),
    bindContext(ctx) {
      context = ctx;
      env.realm.bind(ctx);
    },
    loadScript(dir) {
      const gasLocal = require("gas-local") as { require(dir: string, globals: object): vm.Context };
      context = gasLocal.require(dir, theGlobals);
      env.realm.bind(context);
      return context;
    },
    call(functionName, ...args) {
      const target = (context ?? theGlobals) as Record<string, unknown>;
      const fn = target[functionName];
      if (typeof fn !== "function") throw new Error(`gas-fake: the script has no function ${functionName}`);
      return executions.run(users.effective, functionName, () => {
        try {
          return fn(...args);
        } catch (e) {
          // requireScopes ended the execution: Apps Script shows its prompt; nothing more runs.
          if (e instanceof ExecutionEnded) return undefined;
          throw e;
        }
      });
    },
    fireTrigger(triggerId) {
      const t = state.triggers.find((x) => x.id === triggerId);
      if (!t || t.spent) return false;
      if (t.schedule.afterMs !== undefined || t.schedule.at !== undefined) t.spent = true;
      const saved = { active: users.active, effective: users.effective, ui: state.uiAvailable };
      users.active = t.owner;
      users.effective = t.owner;
      state.uiAvailable = false;
      try {
        const event = env.realm.object({ authMode: "FULL", triggerUid: t.id });
        this.call(t.handler, event);
      } finally {
        users.active = saved.active;
        users.effective = saved.effective;
        state.uiAvailable = saved.ui;
      }
      return true;
    },
  };
}
