/**
 * Authorization: the OAuth scopes each user granted the script, checked on every call the script
 * makes to a service, and ScriptApp's granular-consent methods.
 *
 * - The manifest (appsscript.json «oauthScopes») is what the script may ask for; each user grants
 *   all of it by default, or a part of it: Google's consent screen lets a user untick scopes
 *   (developers.google.com/apps-script/concepts/scopes, «Handle granular OAuth permissions»).
 * - A call that needs a scope the effective user has not granted throws «Authorization is required
 *   to perform that action.» (the Apps Script troubleshooting guide's message for a script run
 *   without the authorization it needs; AuthorizationStatus.REQUIRED: a trigger «throws an
 *   exception if the script attempts to call the unauthorized service»). Each call's scopes follow
 *   the «Authorization» lines of the Apps Script reference.
 * - ScriptApp.requireScopes(authMode, scopes) / requireAllScopes(authMode): when a scope is
 *   missing they «end the current execution and render an authorization prompt»; with no user to
 *   prompt (a trigger) they throw. «Scopes that are invalid or not required by the script lead to
 *   an error.» The prompt is recorded in `prompts`; the execution ends (GasFake.call returns).
 * - ScriptApp.getAuthorizationInfo(authMode[, scopes]): REQUIRED while a scope (of the list, or of
 *   the manifest) is not granted; getAuthorizedScopes() lists the granted ones.
 */
import type { Env } from "./env";

export const SCOPE = "https://www.googleapis.com/auth/";

/** Scopes that include another (a grant of the key satisfies a need of the value). */
const INCLUDES: Record<string, string[]> = {
  [`${SCOPE}spreadsheets`]: [`${SCOPE}spreadsheets.currentonly`, `${SCOPE}spreadsheets.readonly`],
  [`${SCOPE}drive`]: [`${SCOPE}drive.readonly`, `${SCOPE}drive.file`],
  [`${SCOPE}documents`]: [`${SCOPE}documents.currentonly`, `${SCOPE}documents.readonly`],
  [`${SCOPE}forms`]: [`${SCOPE}forms.currentonly`],
};

/**
 * The scopes (any one suffices) a call needs, by its service and "Type.method" key, after the Apps
 * Script reference; null: none.
 */
export function scopesOfCall(service: string, key: string): string[] | null {
  const [type, method] = key.split(".");
  switch (service) {
    case "Spreadsheet":
      if (type === "SpreadsheetApp" && /^(openById|openByUrl|open|create)$/.test(method))
        return [`${SCOPE}spreadsheets`];
      return [`${SCOPE}spreadsheets.currentonly`];
    case "Ui":
    case "HtmlService":
      return [`${SCOPE}script.container.ui`];
    case "FormApp":
      return [`${SCOPE}forms`];
    case "DocumentApp":
      return [`${SCOPE}documents`];
    case "DriveApp":
      return /^(get|search|continue)/.test(method) && type === "DriveApp"
        ? [`${SCOPE}drive.readonly`]
        : [`${SCOPE}drive`];
    case "MailApp":
      return [`${SCOPE}script.send_mail`];
    case "UrlFetchApp":
      return [`${SCOPE}script.external_request`];
    // The Drive advanced service's files.list: drive.readonly, drive.metadata.readonly or more.
    case "Drive":
      return [`${SCOPE}drive.readonly`, `${SCOPE}drive.metadata.readonly`];
    case "ScriptApp":
      if (type === "ScriptApp")
        return /^(newTrigger|getProjectTriggers|getUserTriggers|deleteTrigger)$/.test(method)
          ? [`${SCOPE}script.scriptapp`]
          : null;
      return [`${SCOPE}script.scriptapp`];
    case "Session":
      return /^(getActiveUser|getEffectiveUser)$/.test(method) ? [`${SCOPE}userinfo.email`] : null;
    default:
      return null;
  }
}

/** The message Apps Script throws for a call the user has not authorized. */
export const AUTHORIZATION_REQUIRED = "Authorization is required to perform that action.";

/** An authorization prompt requireScopes / requireAllScopes rendered. */
export interface AuthPrompt {
  user: string;
  /** The scopes asked for (the missing ones). */
  scopes: string[];
}

/**
 * Thrown by requireScopes to end the execution (Apps Script stops it and shows the prompt);
 * GasFake.call returns when it reaches it. Not an Error: nothing of the script's should catch it.
 */
export class ExecutionEnded {
  constructor(readonly reason: string) {}
}

export class Authorization {
  /** The manifest's scopes; null: no manifest known (every call is allowed). */
  manifest: string[] | null = null;
  /** Each user's grant, when it differs from the whole manifest. */
  readonly grants = new Map<string, Set<string>>();
  readonly prompts: AuthPrompt[] = [];

  constructor(private readonly env: Env) {}

  /** The scopes `user` has granted (null: everything). */
  grantedTo(user: string): Set<string> | null {
    const own = this.grants.get(user.toLowerCase());
    if (own) return own;
    return this.manifest ? new Set(this.manifest) : null;
  }

  /** Whether `user`'s grant covers `scope` (itself or a scope including it). */
  has(user: string, scope: string): boolean {
    const granted = this.grantedTo(user);
    if (granted === null) return true;
    if (granted.has(scope)) return true;
    return [...granted].some((g) => (INCLUDES[g] ?? []).includes(scope));
  }

  /** Throws Apps Script's message when the effective user may not make this call. */
  check(service: string, key: string): void {
    const needs = scopesOfCall(service, key);
    if (!needs) return;
    const user = this.env.users.effective;
    if (!needs.some((s) => this.has(user, s))) throw this.env.error(AUTHORIZATION_REQUIRED);
  }

  /** Of `scopes`, those `user` has not granted. */
  missing(user: string, scopes: readonly string[]): string[] {
    return scopes.filter((s) => !this.has(user, s));
  }

  /** requireScopes / requireAllScopes: nothing when granted; else a prompt (menu) or an error (trigger). */
  require(scopes: readonly string[]): void {
    if (this.manifest) {
      const unknown = scopes.filter((s) => !this.manifest!.includes(s));
      if (unknown.length > 0)
        throw this.env.error(`The OAuth scopes ${unknown.join(", ")} are not required by this script.`);
    }
    const user = this.env.users.effective;
    const missing = this.missing(user, scopes);
    if (missing.length === 0) return;
    if (!this.env.state.uiAvailable) throw this.env.error(AUTHORIZATION_REQUIRED);
    this.prompts.push({ user, scopes: missing });
    throw new ExecutionEnded(`authorization prompt for ${missing.join(", ")}`);
  }
}
