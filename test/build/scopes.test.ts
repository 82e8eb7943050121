import { readFileSync } from "node:fs";
import { join } from "node:path";
import { transformSync } from "esbuild";
import { permissionsOf } from "../../src/gas/permissions";
import { buildInto, ROOT } from "./dist";

/**
 * The manifest's OAuth scopes are an explicit list (scripts/oauth-scopes.json, each with its
 * reason). Here the list is checked against the Apps Script services dist/Code.js calls: each call
 * that needs a scope finds it in the list, and no scope is listed that no call needs.
 */

const SCOPE = "https://www.googleapis.com/auth/";

/**
 * What a use of each Apps Script service needs, first matching rule first; `null`: no scope. A
 * service the bundle names with no rule here fails the test: add its rule before shipping it.
 */
const RULES: Record<string, [RegExp, string | null][]> = {
  SpreadsheetApp: [
    [/\bSpreadsheetApp\.(openById|openByUrl|open)\b/, `${SCOPE}spreadsheets`],
    [/\bSpreadsheetApp\.getUi\b/, `${SCOPE}script.container.ui`],
    // getActive…, flush, the builders and enums: the bound workbook only.
    [/\bSpreadsheetApp\b/, `${SCOPE}spreadsheets.currentonly`],
  ],
  // The Sheets advanced service (Sheets API v4): spreadsheets (or drive), never the currentonly scope.
  Sheets: [[/\bSheets\b/, `${SCOPE}spreadsheets`]],
  DocumentApp: [[/\bDocumentApp\b/, `${SCOPE}documents`]],
  // The Docs advanced service (Docs API v1): the documents scope DocumentApp has.
  Docs: [[/\bDocs\b/, `${SCOPE}documents`]],
  DriveApp: [[/\bDriveApp\b/, `${SCOPE}drive`]],
  FormApp: [[/\bFormApp\b/, `${SCOPE}forms`]],
  SlidesApp: [[/\bSlidesApp\b/, `${SCOPE}presentations`]],
  MailApp: [[/\bMailApp\b/, `${SCOPE}script.send_mail`]],
  GmailApp: [[/\bGmailApp\b/, "https://mail.google.com/"]],
  CalendarApp: [[/\bCalendarApp\b/, "https://www.googleapis.com/auth/calendar"]],
  UrlFetchApp: [[/\bUrlFetchApp\b/, `${SCOPE}script.external_request`]],
  // A Google REST API the bundle calls through UrlFetchApp with its own token: that API's scope.
  "forms\\.googleapis\\.com": [[/forms\.googleapis\.com/, `${SCOPE}forms.body`]],
  HtmlService: [[/\bHtmlService\b/, `${SCOPE}script.container.ui`]],
  ScriptApp: [
    [
      /\bScriptApp\.(newTrigger|getProjectTriggers|getUserTriggers|deleteTrigger)\b/,
      `${SCOPE}script.scriptapp`,
    ],
    [/\bScriptApp\.getOAuthToken\b/, null],
    // Granular consent: which scopes the user granted, and Google's prompt for the missing ones.
    [/\bScriptApp\.(getAuthorizationInfo|requireScopes|requireAllScopes)\b/, null],
    [/\bScriptApp\.(EventType|TriggerSource|AuthMode|AuthorizationStatus|WeekDay)\b/, null],
  ],
  Session: [
    [/\bSession\.get(Active|Effective)User\b/, `${SCOPE}userinfo.email`],
    [/\bSession\.(getScriptTimeZone|getActiveUserLocale|getTemporaryActiveUserKey)\b/, null],
  ],
  PropertiesService: [[/\bPropertiesService\b/, null]],
  LockService: [[/\bLockService\b/, null]],
  CacheService: [[/\bCacheService\b/, null]],
  Utilities: [[/\bUtilities\b/, null]],
  Logger: [[/\bLogger\b/, null]],
  ContentService: [[/\bContentService\b/, null]],
  Charts: [[/\bCharts\./, null]],
};

/** Other Apps Script services and advanced services: none has a rule yet, so naming one fails. */
const WITHOUT_RULE = [
  "XmlService",
  "Maps",
  "LanguageApp",
  "GroupsApp",
  "ContactsApp",
  "SitesApp",
  "Jdbc",
  "CardService",
  "DataStudioApp",
  "Browser",
  "AdminDirectory",
  "Drive",
  "Gmail",
  "Calendar",
  "Slides",
  "People",
  "Tasks",
  "Classroom",
  "BigQuery",
  "YouTube",
];

/** A scope that grants all another one does: the narrower is then not listed. */
const IMPLIED: Record<string, string> = {
  [`${SCOPE}spreadsheets.currentonly`]: `${SCOPE}spreadsheets`,
};

/** Each service the code names, with the scopes its uses need and the uses no rule covers. */
function servicesCalled(code: string): { service: string; scopes: string[]; unknown: string[] }[] {
  const out: { service: string; scopes: string[]; unknown: string[] }[] = [];
  for (const [service, rules] of Object.entries(RULES)) {
    const uses = [...code.matchAll(new RegExp(`\\b${service}\\b(\\.\\w+)?`, "g"))].map((m) => m[0]);
    if (uses.length === 0) continue;
    const scopes = new Set<string>();
    const unknown = new Set<string>();
    for (const use of uses) {
      const rule = rules.find(([re]) => re.test(use));
      if (!rule) unknown.add(use);
      else if (rule[1]) scopes.add(rule[1]);
    }
    out.push({ service, scopes: [...scopes].sort(), unknown: [...unknown].sort() });
  }
  for (const service of WITHOUT_RULE) {
    const uses = [...code.matchAll(new RegExp(`\\b${service}\\.[A-Za-z]\\w*`, "g"))].map((m) => m[0]);
    if (uses.length > 0) out.push({ service, scopes: [], unknown: [...new Set(uses)].sort() });
  }
  return out;
}

/** The scopes the code needs: every rule's scope, less those a broader needed scope implies. */
function scopesNeeded(code: string): string[] {
  const needed = new Set(servicesCalled(code).flatMap((s) => s.scopes));
  return [...needed].filter((s) => !(IMPLIED[s] && needed.has(IMPLIED[s]))).sort();
}

const listed: { scope: string; reason: string }[] = JSON.parse(
  readFileSync(join(ROOT, "scripts/oauth-scopes.json"), "utf8"),
).scopes;

let built: { dir: string; cleanup: () => void };
let code: string;

beforeAll(() => {
  built = buildInto();
  // Without comments: a comment naming a service is no call.
  code = transformSync(readFileSync(join(built.dir, "Code.js"), "utf8"), { minifyWhitespace: true }).code;
});
afterAll(() => built?.cleanup());

describe("OAuth scopes: the explicit list against the services dist/Code.js calls", () => {
  it("every scope is listed once, with a reason", () => {
    expect(new Set(listed.map((s) => s.scope)).size).toBe(listed.length);
    for (const s of listed) {
      expect(s.scope).toMatch(/^https:\/\//);
      expect(s.reason.length).toBeGreaterThan(10);
    }
  });

  it("the bundle calls only services with a rule for each of their uses", () => {
    const services = servicesCalled(code);
    expect(services.map((s) => s.service)).toEqual(
      expect.arrayContaining(["SpreadsheetApp", "DocumentApp", "FormApp", "MailApp", "ScriptApp"]),
    );
    expect(services.filter((s) => s.unknown.length > 0)).toEqual([]);
  });

  it("each scope a call needs is listed, and each listed scope is needed by a call", () => {
    const needed = scopesNeeded(code);
    const names = listed.map((s) => s.scope);
    expect({
      missing: needed.filter((s) => !names.includes(s)),
      unneeded: names.filter((s) => !needed.includes(s)),
    }).toEqual({ missing: [], unneeded: [] });
  });

  it("asks for no Drive scope: «drive» is restricted (an unverified-app screen, blocked by school domains)", () => {
    expect(listed.map((s) => s.scope).filter((s) => s.startsWith(`${SCOPE}drive`))).toEqual([]);
    expect(servicesCalled(code).map((s) => s.service)).not.toContain("DriveApp");
  });

  it("src/gas/permissions.ts names each scope of the list in Russian, and no other", () => {
    const names = listed.map((s) => s.scope);
    const permissions = Object.values(permissionsOf(names));
    expect(permissions.map((p) => p.scope).sort()).toEqual([...names].sort());
    for (const p of permissions) {
      expect(p.google).toMatch(/[а-яё]/i);
      expect(p.why).toMatch(/[а-яё]/i);
    }
    // The bundle knows the list (it asks Google for exactly these scopes).
    expect(code).toContain(JSON.stringify([...names].sort()));
  });

  it("dist/appsscript.json carries exactly the list", () => {
    const manifest = JSON.parse(readFileSync(join(built.dir, "appsscript.json"), "utf8"));
    expect(manifest.oauthScopes).toEqual(listed.map((s) => s.scope).sort());
  });

  it("the rules see a new service or a wider call (so a missing scope cannot pass unseen)", () => {
    expect(scopesNeeded("UrlFetchApp.fetch(u)")).toEqual([`${SCOPE}script.external_request`]);
    // A Google API reached through UrlFetchApp needs its own scope besides.
    expect(scopesNeeded('UrlFetchApp.fetchAll([{url:"https://forms.googleapis.com/v1/forms/x"}])')).toEqual([
      `${SCOPE}forms.body`,
      `${SCOPE}script.external_request`,
    ]);
    expect(scopesNeeded("SpreadsheetApp.getActive(); SpreadsheetApp.openById(id)")).toEqual([
      `${SCOPE}spreadsheets`,
    ]);
    expect(scopesNeeded("const u = Session.getActiveUser(); u.getEmail()")).toEqual([
      `${SCOPE}userinfo.email`,
    ]);
    expect(servicesCalled("ScriptApp.getService()")).toEqual([
      { service: "ScriptApp", scopes: [], unknown: ["ScriptApp.getService"] },
    ]);
    expect(servicesCalled("Drive.Files.get(id)")).toEqual([
      { service: "Drive", scopes: [], unknown: ["Drive.Files"] },
    ]);
  });
});
