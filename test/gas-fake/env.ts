/**
 * What every fake object shares: the call log, the realm values are made in, the recorded state,
 * the users and the configuration. One Env per createGasFake().
 */
import { inspect } from "node:util";
import { Authorization } from "./auth";
import { CallLog } from "./calls";
import type { SpreadsheetModel } from "./model";
import { Realm } from "./realm";
import type { FakeState } from "./state";
import { gasTypeName, type Scalar } from "./values";

export interface CellRef {
  sheet: string;
  row: number;
  col: number;
}

/** Computes a formula's value for getValues; return undefined to leave the default (""). */
export type FormulaEvaluator = (formula: string, cell: CellRef) => Scalar | undefined;

export interface Users {
  /** Owner of the spreadsheet and of the script. */
  owner: string;
  /** Session.getActiveUser(): who opened the menu or edited the sheet. */
  active: string;
  /** Session.getEffectiveUser(): whose authority the script runs with. */
  effective: string;
}

export interface EnvConfig {
  scriptId: string;
  formulaEvaluator: FormulaEvaluator | undefined;
  extendedInputParsing: boolean;
  echoLogs: boolean;
  htmlFiles: Record<string, string>;
}

export class Env {
  readonly calls = new CallLog();
  readonly realm: Realm;
  /** The scopes each user granted, checked on every call (auth.ts). */
  readonly auth: Authorization;
  readonly spreadsheets = new Map<string, SpreadsheetModel>();
  activeSpreadsheetId: string | undefined;
  private seq = 0;

  constructor(
    readonly state: FakeState,
    readonly users: Users,
    readonly config: EnvConfig,
    readonly now: () => number,
    globals: () => object | undefined,
  ) {
    this.realm = new Realm(globals);
    this.auth = new Authorization(this);
    this.calls.authorize = (service, key) => this.auth.check(service, key);
  }

  /** An Apps Script exception ("Exception: <message>"), made in the script's realm. */
  error(message: string): Error {
    return this.realm.error(message);
  }

  /** The exception Apps Script throws when arguments have the wrong types. */
  signatureError(method: string, args: readonly unknown[]): Error {
    return this.error(
      `The parameters (${args.map(gasTypeName).join(",")}) don't match the method signature for ${method}.`,
    );
  }

  /** A counter for ids (triggers, uuids). */
  nextSeq(): number {
    return ++this.seq;
  }

  activeSpreadsheet(): SpreadsheetModel {
    const ss =
      this.activeSpreadsheetId === undefined ? undefined : this.spreadsheets.get(this.activeSpreadsheetId);
    if (!ss) throw this.error("No active spreadsheet.");
    return ss;
  }
}

/**
 * Base of every fake service object: holds the Env (its public methods are counted, see calls.ts).
 * Like Apps Script objects, it serializes to {} and prints as its type name.
 */
export abstract class Fake {
  constructor(protected readonly env: Env) {}

  toJSON(): Record<string, never> {
    return {};
  }

  [inspect.custom](): string {
    return this.constructor.name.replace(/^Fake/, "");
  }
}
