/**
 * ScriptApp: installable triggers are recorded in state.triggers (owned by the effective user at
 * creation; 20 per user per script, as in Apps Script). Nothing fires them by itself: tests call
 * the handler (GasFake.call) when they want to simulate the event.
 */
import { instrument } from "./calls";
import {
  AuthMode,
  AuthorizationStatus,
  EventType,
  InstallationSource,
  TriggerSource,
  Weekday,
} from "./enums";
import { type Env, Fake } from "./env";
import { FakeSpreadsheet } from "./spreadsheet";
import type { ClockSchedule, TriggerRecord } from "./state";
import { isDate } from "./values";

type Sc = typeof GoogleAppsScript.Script;
type GasTrigger = GoogleAppsScript.Script.Trigger;

const MAX_TRIGGERS = 20;

const TRIGGER_METHODS = [
  "getEventType",
  "getHandlerFunction",
  "getTriggerSource",
  "getTriggerSourceId",
  "getUniqueId",
] as const;

export class FakeTrigger extends Fake implements Pick<GasTrigger, (typeof TRIGGER_METHODS)[number]> {
  readonly gasType = "Trigger";

  constructor(
    env: Env,
    readonly record: TriggerRecord,
  ) {
    super(env);
  }
  getEventType(): GoogleAppsScript.Script.EventType {
    return this.record.eventType as unknown as GoogleAppsScript.Script.EventType;
  }
  getHandlerFunction(): string {
    return this.record.handler;
  }
  getTriggerSource(): GoogleAppsScript.Script.TriggerSource {
    return this.record.source as unknown as GoogleAppsScript.Script.TriggerSource;
  }
  /** null for clock triggers, as in Apps Script (the typings say string). */
  getTriggerSourceId(): string {
    return this.record.sourceId as string;
  }
  getUniqueId(): string {
    return this.record.id;
  }
}
instrument(FakeTrigger, "ScriptApp", "Trigger", TRIGGER_METHODS);

function gasTrigger(t: FakeTrigger): GasTrigger {
  return t as unknown as GasTrigger;
}

/** Records a new trigger for the effective user. */
function createTrigger(
  env: Env,
  handler: string,
  eventType: keyof Sc["EventType"],
  source: keyof Sc["TriggerSource"],
  sourceId: string | null,
  schedule: ClockSchedule = {},
): GasTrigger {
  const owner = env.users.effective;
  if (env.state.triggers.filter((t) => t.owner === owner).length >= MAX_TRIGGERS) {
    throw env.error(
      "This script has too many triggers. Triggers must be deleted from the script before more can be added.",
    );
  }
  const record: TriggerRecord = {
    id: String(1000000 + env.nextSeq()),
    handler,
    eventType: String(EventType[eventType]),
    source: String(TriggerSource[source]),
    sourceId,
    owner,
    schedule: { ...schedule },
  };
  env.state.triggers.push(record);
  return gasTrigger(new FakeTrigger(env, record));
}

const CLOCK_METHODS = [
  "after",
  "at",
  "atDate",
  "atHour",
  "create",
  "everyDays",
  "everyHours",
  "everyMinutes",
  "everyWeeks",
  "inTimezone",
  "nearMinute",
  "onMonthDay",
  "onWeekDay",
] as const;

type GasClockBuilder = GoogleAppsScript.Script.ClockTriggerBuilder;

export class FakeClockTriggerBuilder
  extends Fake
  implements Pick<GasClockBuilder, (typeof CLOCK_METHODS)[number]>
{
  private readonly schedule: ClockSchedule = {};

  constructor(
    env: Env,
    private readonly handler: string,
  ) {
    super(env);
  }

  private set<K extends keyof ClockSchedule>(key: K, value: ClockSchedule[K]): GasClockBuilder {
    this.schedule[key] = value;
    return this as unknown as GasClockBuilder;
  }
  private checked(name: string, n: number, allowed: (n: number) => boolean, rule: string): number {
    if (typeof n !== "number" || !allowed(n))
      throw this.env.error(`Invalid argument for ${name}: ${n}. ${rule}`);
    return n;
  }

  after(durationMilliseconds: number): GasClockBuilder {
    return this.set(
      "afterMs",
      this.checked("after", durationMilliseconds, (n) => n >= 0, "Must be at least 0."),
    );
  }
  at(date: GoogleAppsScript.Base.Date): GasClockBuilder {
    if (!isDate(date)) throw this.env.signatureError("ClockTriggerBuilder.at", [date]);
    return this.set("at", date.getTime());
  }
  atDate(year: number, month: number, day: number): GasClockBuilder {
    return this.set("atDate", { year, month, day });
  }
  atHour(hour: number): GasClockBuilder {
    return this.set(
      "atHour",
      this.checked("atHour", hour, (n) => Number.isInteger(n) && n >= 0 && n <= 23, "0-23."),
    );
  }
  create(): GasTrigger {
    const s = this.schedule;
    const scheduled =
      s.afterMs !== undefined ||
      s.at !== undefined ||
      s.atDate !== undefined ||
      s.everyMinutes !== undefined ||
      s.everyHours !== undefined ||
      s.everyDays !== undefined ||
      s.everyWeeks !== undefined ||
      s.onWeekDay !== undefined ||
      s.onMonthDay !== undefined;
    if (!scheduled)
      throw this.env.error(
        "The clock trigger has no schedule: call everyDays(), after()... before create().",
      );
    return createTrigger(this.env, this.handler, "CLOCK", "CLOCK", null, s);
  }
  everyDays(n: number): GasClockBuilder {
    return this.set(
      "everyDays",
      this.checked("everyDays", n, (x) => Number.isInteger(x) && x >= 1, "At least 1."),
    );
  }
  everyHours(n: number): GasClockBuilder {
    return this.set(
      "everyHours",
      this.checked("everyHours", n, (x) => [1, 2, 4, 6, 8, 12].includes(x), "1, 2, 4, 6, 8 or 12."),
    );
  }
  everyMinutes(n: number): GasClockBuilder {
    return this.set(
      "everyMinutes",
      this.checked("everyMinutes", n, (x) => [1, 5, 10, 15, 30].includes(x), "1, 5, 10, 15 or 30."),
    );
  }
  everyWeeks(n: number): GasClockBuilder {
    return this.set(
      "everyWeeks",
      this.checked("everyWeeks", n, (x) => Number.isInteger(x) && x >= 1, "At least 1."),
    );
  }
  inTimezone(timezone: string): GasClockBuilder {
    return this.set("timezone", String(timezone));
  }
  nearMinute(minute: number): GasClockBuilder {
    return this.set(
      "nearMinute",
      this.checked("nearMinute", minute, (n) => n >= 0 && n <= 59, "0-59."),
    );
  }
  onMonthDay(day: number): GasClockBuilder {
    return this.set(
      "onMonthDay",
      this.checked("onMonthDay", day, (n) => Number.isInteger(n) && n >= 1 && n <= 31, "1-31."),
    );
  }
  onWeekDay(day: GoogleAppsScript.Base.Weekday): GasClockBuilder {
    if (!(String(day) in Weekday)) throw this.env.signatureError("ClockTriggerBuilder.onWeekDay", [day]);
    return this.set("onWeekDay", String(day));
  }
}
instrument(FakeClockTriggerBuilder, "ScriptApp", "ClockTriggerBuilder", CLOCK_METHODS);

/** The builders of spreadsheet, form and document triggers: pick one event, then create(). */
class FakeEventTriggerBuilder extends Fake {
  private event: keyof Sc["EventType"] | undefined;

  constructor(
    env: Env,
    private readonly handler: string,
    private readonly source: "SPREADSHEETS" | "FORMS" | "DOCUMENTS",
    private readonly sourceId: string,
  ) {
    super(env);
  }

  protected on<T>(event: keyof Sc["EventType"]): T {
    this.event = event;
    return this as unknown as T;
  }
  create(): GasTrigger {
    if (!this.event)
      throw this.env.error("The trigger has no event type: call onOpen(), onEdit()... before create().");
    return createTrigger(this.env, this.handler, this.event, this.source, this.sourceId);
  }
}

type GasSpreadsheetTriggerBuilder = GoogleAppsScript.Script.SpreadsheetTriggerBuilder;
const SPREADSHEET_TRIGGER_METHODS = ["create", "onChange", "onEdit", "onFormSubmit", "onOpen"] as const;

export class FakeSpreadsheetTriggerBuilder
  extends FakeEventTriggerBuilder
  implements Pick<GasSpreadsheetTriggerBuilder, (typeof SPREADSHEET_TRIGGER_METHODS)[number]>
{
  onChange(): GasSpreadsheetTriggerBuilder {
    return this.on("ON_CHANGE");
  }
  onEdit(): GasSpreadsheetTriggerBuilder {
    return this.on("ON_EDIT");
  }
  onFormSubmit(): GasSpreadsheetTriggerBuilder {
    return this.on("ON_FORM_SUBMIT");
  }
  onOpen(): GasSpreadsheetTriggerBuilder {
    return this.on("ON_OPEN");
  }
}
instrument(
  FakeSpreadsheetTriggerBuilder,
  "ScriptApp",
  "SpreadsheetTriggerBuilder",
  SPREADSHEET_TRIGGER_METHODS,
);

type GasFormTriggerBuilder = GoogleAppsScript.Script.FormTriggerBuilder;

export class FakeFormTriggerBuilder
  extends FakeEventTriggerBuilder
  implements Pick<GasFormTriggerBuilder, "create" | "onFormSubmit" | "onOpen">
{
  onFormSubmit(): GasFormTriggerBuilder {
    return this.on("ON_FORM_SUBMIT");
  }
  onOpen(): GasFormTriggerBuilder {
    return this.on("ON_OPEN");
  }
}
instrument(FakeFormTriggerBuilder, "ScriptApp", "FormTriggerBuilder", ["create", "onFormSubmit", "onOpen"]);

type GasDocumentTriggerBuilder = GoogleAppsScript.Script.DocumentTriggerBuilder;

export class FakeDocumentTriggerBuilder
  extends FakeEventTriggerBuilder
  implements Pick<GasDocumentTriggerBuilder, "create" | "onOpen">
{
  onOpen(): GasDocumentTriggerBuilder {
    return this.on("ON_OPEN");
  }
}
instrument(FakeDocumentTriggerBuilder, "ScriptApp", "DocumentTriggerBuilder", ["create", "onOpen"]);

/** The id of a document-like argument: a fake with getId(), or the key string itself. */
function sourceIdOf(source: unknown): string {
  if (source instanceof FakeSpreadsheet) return source.model.id;
  const withId = source as { getId?: () => unknown } | null;
  return typeof withId?.getId === "function" ? String(withId.getId()) : String(source);
}

const TRIGGER_BUILDER_METHODS = ["forDocument", "forForm", "forSpreadsheet", "timeBased"] as const;

export class FakeTriggerBuilder
  extends Fake
  implements Pick<GoogleAppsScript.Script.TriggerBuilder, (typeof TRIGGER_BUILDER_METHODS)[number]>
{
  constructor(
    env: Env,
    private readonly handler: string,
  ) {
    super(env);
  }
  forDocument(document: unknown): GasDocumentTriggerBuilder {
    const b = new FakeDocumentTriggerBuilder(this.env, this.handler, "DOCUMENTS", sourceIdOf(document));
    return b as unknown as GasDocumentTriggerBuilder;
  }
  forForm(form: unknown): GasFormTriggerBuilder {
    return new FakeFormTriggerBuilder(
      this.env,
      this.handler,
      "FORMS",
      sourceIdOf(form),
    ) as unknown as GasFormTriggerBuilder;
  }
  forSpreadsheet(sheet: unknown): GasSpreadsheetTriggerBuilder {
    const b = new FakeSpreadsheetTriggerBuilder(this.env, this.handler, "SPREADSHEETS", sourceIdOf(sheet));
    return b as unknown as GasSpreadsheetTriggerBuilder;
  }
  timeBased(): GasClockBuilder {
    return new FakeClockTriggerBuilder(this.env, this.handler) as unknown as GasClockBuilder;
  }
}
instrument(FakeTriggerBuilder, "ScriptApp", "TriggerBuilder", TRIGGER_BUILDER_METHODS);

const SCRIPT_APP_METHODS = [
  "deleteTrigger",
  "getAuthorizationInfo",
  "getInstallationSource",
  "getOAuthToken",
  "getProjectTriggers",
  "getScriptId",
  "getUserTriggers",
  "newTrigger",
  "requireAllScopes",
  "requireScopes",
] as const;

/** AuthorizationInfo with getAuthorizedScopes(), newer than the typings (Class AuthorizationInfo). */
export interface FakeAuthorizationInfo extends GoogleAppsScript.Script.AuthorizationInfo {
  getAuthorizedScopes(): string[];
}

const SCRIPT_APP_ENUMS = [
  "AuthMode",
  "AuthorizationStatus",
  "EventType",
  "InstallationSource",
  "TriggerSource",
  "WeekDay",
] as const;

export class FakeScriptApp
  extends Fake
  implements
    Pick<
      GoogleAppsScript.Script.ScriptApp,
      (typeof SCRIPT_APP_METHODS)[number] | (typeof SCRIPT_APP_ENUMS)[number]
    >
{
  readonly AuthMode = AuthMode;
  readonly AuthorizationStatus = AuthorizationStatus;
  readonly EventType = EventType;
  readonly InstallationSource = InstallationSource;
  readonly TriggerSource = TriggerSource;
  readonly WeekDay = Weekday;

  private mine(): TriggerRecord[] {
    return this.env.state.triggers.filter((t) => t.owner === this.env.users.effective);
  }

  deleteTrigger(trigger: GasTrigger): void {
    if (!((trigger as unknown) instanceof FakeTrigger))
      throw this.env.signatureError("ScriptApp.deleteTrigger", [trigger]);
    const id = (trigger as unknown as FakeTrigger).record.id;
    const triggers = this.env.state.triggers;
    const i = triggers.findIndex((t) => t.id === id);
    if (i >= 0) triggers.splice(i, 1);
  }
  /**
   * getAuthorizationInfo(authMode[, oAuthScopes]): whether the effective user granted the listed
   * scopes (default: the manifest's); the URL is null when nothing is missing.
   */
  getAuthorizationInfo(_authMode: unknown, oAuthScopes?: string[]): FakeAuthorizationInfo {
    const auth = this.env.auth;
    const user = this.env.users.effective;
    const asked = oAuthScopes ?? auth.manifest ?? [];
    const missing = auth.missing(user, asked);
    const granted = (auth.manifest ?? asked).filter((s) => auth.has(user, s));
    const url = `https://script.google.com/macros/d/${this.env.config.scriptId}/authorize`;
    return {
      getAuthorizationStatus: () =>
        missing.length > 0 ? AuthorizationStatus.REQUIRED : AuthorizationStatus.NOT_REQUIRED,
      getAuthorizationUrl: () => (missing.length > 0 ? url : (null as unknown as string)),
      getAuthorizedScopes: () => this.env.realm.array([...granted]),
    };
  }
  requireAllScopes(_authMode: unknown): void {
    this.env.auth.require(this.env.auth.manifest ?? []);
  }
  requireScopes(_authMode: unknown, oAuthScopes: string[]): void {
    if (!Array.isArray(oAuthScopes))
      throw this.env.signatureError("ScriptApp.requireScopes", [_authMode, oAuthScopes]);
    this.env.auth.require([...oAuthScopes]);
  }
  getInstallationSource(): GoogleAppsScript.Script.InstallationSource {
    return InstallationSource.NONE;
  }
  getOAuthToken(): string {
    return "fake-token";
  }
  getProjectTriggers(): GasTrigger[] {
    return this.env.realm.array(this.mine().map((t) => gasTrigger(new FakeTrigger(this.env, t))));
  }
  getScriptId(): string {
    return this.env.config.scriptId;
  }
  getUserTriggers(document: unknown): GasTrigger[] {
    const id = sourceIdOf(document);
    return this.env.realm.array(
      this.mine()
        .filter((t) => t.sourceId === id)
        .map((t) => gasTrigger(new FakeTrigger(this.env, t))),
    );
  }
  newTrigger(functionName: string): GoogleAppsScript.Script.TriggerBuilder {
    if (typeof functionName !== "string")
      throw this.env.signatureError("ScriptApp.newTrigger", [functionName]);
    return new FakeTriggerBuilder(
      this.env,
      functionName,
    ) as unknown as GoogleAppsScript.Script.TriggerBuilder;
  }
}
instrument(FakeScriptApp, "ScriptApp", "ScriptApp", SCRIPT_APP_METHODS);
