/**
 * The time model of the Apps Script benchmark (bench/run-gas-calls.mjs): an estimated latency per
 * service call, shared by the runner, which turns counted calls into seconds, and by
 * bench/gas-calls.bench.ts, which advances the script's clock by it so that a job's time budget
 * (4.5 min per execution) cuts its chunks where it would in Apps Script.
 *
 * An execution costs
 *   Σ over its calls of the latency of the call's service (or of the method, where one is priced
 *   on its own)  +  cells read or written × CELL_MS  +  the script's own work × CPU_FACTOR.
 * Each figure says where it comes from; Google publishes no latency per call, so most are
 * estimates, named as such.
 */

/** Milliseconds per call, by service (the service names of test/gas-fake/calls.ts). */
export const SERVICE_MS = {
  // SpreadsheetApp. Google's «Best practices» (developers.google.com/apps-script/guides/support/
  // best-practices, «Use batch operations») shows 10,000 one-cell writes flushed row by row taking
  // about 70 s against about 1 s batched: a round trip costs tens of milliseconds, and Apps Script
  // caches reads ahead and writes behind. Estimate: 40 ms per call, between a cached write (a few ms)
  // and a read that goes to the server (~100 ms).
  Spreadsheet: 40,
  // The Sheets advanced service (Sheets API v4): one HTTPS request per call, Spreadsheets.get or
  // batchUpdate. Estimate: 300 ms, a Google API round trip from Google's own network with a request
  // of a few hundred small sub-requests (Google documents no figure; batchUpdate applies all its
  // requests in one revision, developers.google.com/workspace/sheets/api/guides/batchupdate).
  Sheets: 300,
  // The Docs advanced service (Docs API v1): one HTTPS request per call, Documents.get or
  // batchUpdate. Estimate: 300 ms, as for the Sheets API.
  Docs: 300,
  // FormApp: every call reads or writes the form on Google's servers, and FormApp is known as the
  // slowest editor service. Estimate: 150 ms per call (form-building scripts of a few hundred calls
  // take tens of seconds).
  FormApp: 150,
  // DocumentApp edits a document held by the execution and saves it at saveAndClose (the Document
  // reference: «saveAndClose… flushes all pending updates»), so a call on an element is cheap.
  // Estimate: 15 ms per element call; create, openById and saveAndClose are priced below.
  DocumentApp: 15,
  // DriveApp: each call is a Drive API request. Estimate: 200 ms.
  DriveApp: 200,
  // MailApp: one send is one message through Gmail's servers. Estimate: 500 ms per call.
  MailApp: 500,
  // Triggers (ScriptApp.newTrigger…create, getProjectTriggers): estimate 150 ms.
  ScriptApp: 150,
  // PropertiesService, LockService, CacheService: small backend stores. Estimate: 30 ms per call.
  PropertiesService: 30,
  LockService: 30,
  CacheService: 30,
  // Session / User (the user's e-mail): estimate 20 ms.
  Session: 20,
  Base: 20,
  // Ui (toasts are Spreadsheet calls; alerts and prompts wait for the person, not counted here):
  // estimate 100 ms to show one.
  Ui: 100,
  HtmlService: 50,
  // Utilities runs in the script's runtime (formatDate, newBlob…): estimate 0.05 ms.
  Utilities: 0.05,
  // UrlFetchApp: one HTTPS request per fetch, a Google API round trip as for the Sheets API:
  // estimate 300 ms (fetchAll is priced below). Reading its HTTPResponse (getResponseCode,
  // getContentText) reads what was fetched, in the runtime: estimate 0.05 ms, as Utilities.
  UrlFetchApp: 300,
  HTTPResponse: 0.05,
  Logger: 0,
  console: 0,
};

/** Methods priced on their own (ms per call), where one call does much more than the others. */
export const METHOD_MS = {
  // A new Google Doc is a Drive file: estimate 1 s (documents created count against a daily quota).
  "DocumentApp.create": 1000,
  // Opening a document loads it into the execution: estimate 500 ms.
  "DocumentApp.openById": 500,
  // Saving writes every pending change: estimate 1 s.
  "Document.saveAndClose": 1000,
  // UrlFetchApp.fetchAll sends its requests in parallel («Makes multiple requests to fetch multiple
  // URLs», the UrlFetchApp reference) and returns when the slowest has answered. Estimate: 1.5 s,
  // a Forms API batchUpdate writing some 25 questions of one form (Google documents no figure).
  "UrlFetchApp.fetchAll": 1500,
  // A new Google Form: estimate 1 s.
  "FormApp.create": 1000,
  // Linking a form creates its response sheet: estimate 2 s.
  "Form.setDestination": 2000,
  // flush() waits for every pending write of the spreadsheet: estimate 200 ms.
  "SpreadsheetApp.flush": 200,
  // Exporting a document as PDF converts it: estimate 3 s.
  "Blob.getAs": 3000,
  "File.getAs": 3000,
};

/** Reading or writing cells: about 1–3 s per 100,000 cells with getValues/setValues (estimate). */
export const CELL_MS = 0.02;
/** The script's own work: Apps Script runs the same V8 as Node here, on shared machines (estimate). */
export const CPU_FACTOR = 3;

/** Estimated milliseconds of one measured execution (`callMs`: its calls priced by `callMs`). */
export function estimateMs(op) {
  return op.callMs + op.cells * CELL_MS + op.ms * CPU_FACTOR;
}

/** Services that run in the script's runtime and reach no server: not counted against a budget. */
export const LOCAL_SERVICES = ["Utilities", "HTTPResponse"];

/** The calls counted against an operation's budget: every service but the local ones. */
export function remoteCalls(op) {
  return Object.entries(op.byService)
    .filter(([s]) => !LOCAL_SERVICES.includes(s))
    .reduce((n, [, c]) => n + c, 0);
}

/** The latency of one call, by its service and "Type.method" key. */
export function callMs(service, key) {
  return METHOD_MS[key] ?? SERVICE_MS[service] ?? 100;
}
