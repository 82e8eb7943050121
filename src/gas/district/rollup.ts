/**
 * The department's «Район» workbook in Apps Script: a separate script project (dist-district/,
 * scripts/oauth-scopes-district.json) bound to the department's own spreadsheet. It reads the
 * schools' packages from a Drive folder — the one scope the school's bundle never asks for
 * («drive.readonly») — and rolls them up as a job (core/jobs/district.ts) with a checkpoint every
 * few files, so hundreds of packages fit Apps Script's six minutes an execution.
 *
 * - The folder is listed with one Drive API request per 1,000 files (Drive.Files.list), not
 *   DriveApp's iterator (seven calls a file).
 * - A package is an .xlsx (its bytes by the Drive API with the script's token, Utilities.unzip,
 *   then core reads its «Данные» sheet) or, when Drive converted the upload, a Google Sheet (its
 *   «Данные» sheet read with one getValues).
 */
import { readPackageRows } from "../../core/district/package";
import { DATA_SHEET, xlsxSheetGrid } from "../../core/district/package-file";
import type { DistrictPlan } from "../../core/district/sheets";
import { DISTRICT_SHEETS } from "../../core/district/sheets";
import type { DocumentModel } from "../../core/documents/model";
import {
  type DistrictJobPorts,
  type DistrictSourcesPort,
  districtJob,
  type SourceFile,
} from "../../core/jobs/district";
import { type JobOutcome, runJob, type SchedulerPort } from "../../core/jobs/job";
import { plural } from "../../core/text";
import { ensureExpectedSheet } from "../../core/usecases/district";
import { drawSummaryCharts } from "../charts";
import { docsApi, styleDocumentWithApi } from "../doc-tables";
import { renderToBody } from "../documents";
import { scriptState } from "../errors";
import { gasClock, scriptLock, toastProgress } from "../ports";
import { GasWorkbook } from "../workbook";

export const DISTRICT_MENU = "Район";
/** The continuation trigger's handler of the district project. */
export const DISTRICT_CONTINUE = "continueDistrict";
const FOLDER_PROPERTY = "district.folder";
const REPORT_PROPERTY = "district.report";
const SHEET_MIME = "application/vnd.google-apps.spreadsheet";
const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export const districtMenuItems: ReadonlyArray<{ caption: string; fn: string } | "separator"> = [
  { caption: "Указать папку с пакетами школ…", fn: "menuDistrictFolder" },
  { caption: "Собрать сводку района", fn: "menuDistrictRollUp" },
];

const scheduler: SchedulerPort = {
  schedule(afterMs) {
    scheduler.cancel();
    ScriptApp.newTrigger(DISTRICT_CONTINUE).timeBased().after(afterMs).create();
  },
  cancel() {
    for (const t of ScriptApp.getProjectTriggers())
      if (t.getHandlerFunction() === DISTRICT_CONTINUE) ScriptApp.deleteTrigger(t);
  },
};

/** The Drive API v3 advanced service, as much of it as the roll-up calls. */
interface DriveApi {
  Files: { list(args: Record<string, unknown>): unknown };
}

/** The folder's ID from what the department pasted: a link «…/folders/ID…» or the ID itself. */
export function folderIdOf(text: string): string | null {
  const t = text.trim();
  const m = /\/folders\/([A-Za-z0-9_-]+)/.exec(t) ?? /[?&]id=([A-Za-z0-9_-]+)/.exec(t);
  if (m) return m[1];
  return /^[A-Za-z0-9_-]{10,}$/.test(t) ? t : null;
}

/** The packages of a Drive folder. */
function driveSources(folderId: string): DistrictSourcesPort {
  return {
    list() {
      const files: SourceFile[] = [];
      let pageToken: string | undefined;
      do {
        const page = (Drive as unknown as DriveApi).Files.list({
          q: `'${folderId}' in parents and trashed = false`,
          pageSize: 1000,
          fields: "nextPageToken,files(id,name,mimeType,modifiedTime)",
          ...(pageToken ? { pageToken } : {}),
        }) as {
          files?: { id: string; name: string; mimeType: string; modifiedTime: string }[];
          nextPageToken?: string;
        };
        for (const f of page.files ?? [])
          if (f.mimeType === XLSX_MIME || f.mimeType === SHEET_MIME)
            files.push({
              id: f.id,
              name: f.name,
              updated: new Date(f.modifiedTime).getTime(),
              type: f.mimeType,
            });
        pageToken = page.nextPageToken;
      } while (pageToken);
      return files;
    },
    read(file) {
      if (file.type === SHEET_MIME) {
        // Drive converted the upload: one getValues of its «Данные».
        const sheet = SpreadsheetApp.openById(file.id).getSheetByName(DATA_SHEET);
        if (!sheet)
          return {
            package: null,
            checksumOk: false,
            version: 0,
            error: `в таблице нет листа «${DATA_SHEET}»`,
          };
        return readPackageRows(sheet.getDataRange().getValues());
      }
      // The file's bytes by the Drive API's files.get (alt=media) with the script's token: it needs
      // only «drive.readonly», where DriveApp's File.getBlob needs the full «drive» scope.
      const response = UrlFetchApp.fetch(`https://www.googleapis.com/drive/v3/files/${file.id}?alt=media`, {
        headers: { Authorization: `Bearer ${ScriptApp.getOAuthToken()}` },
        muteHttpExceptions: true,
      });
      if (response.getResponseCode() !== 200)
        return {
          package: null,
          checksumOk: false,
          version: 0,
          error: `файл не скачан (код ${response.getResponseCode()})`,
        };
      // An .xlsx is a ZIP archive; Utilities.unzip reads it when the blob says so.
      const parts: Record<string, string> = {};
      for (const b of Utilities.unzip(response.getBlob().setContentType("application/zip"))) {
        const name = b.getName() ?? "";
        if (name.endsWith(".xml") || name.endsWith(".rels")) parts[name] = b.getDataAsString("UTF-8");
      }
      const grid = xlsxSheetGrid(parts, DATA_SHEET);
      if (grid === null)
        return { package: null, checksumOk: false, version: 0, error: `в книге нет листа «${DATA_SHEET}»` };
      return readPackageRows(grid);
    },
  };
}

/** The district report as a Google Doc: the same one each time (its ID in the document properties). */
function storeReport(model: DocumentModel): string {
  const props = PropertiesService.getDocumentProperties();
  const id = props?.getProperty(REPORT_PROPERTY);
  let doc: GoogleAppsScript.Document.Document | null = null;
  if (id)
    try {
      doc = DocumentApp.openById(id);
      doc.getBody().clear();
      doc.setName(model.title);
    } catch (_e) {
      doc = null;
    }
  if (!doc) {
    doc = DocumentApp.create(model.title);
    props?.setProperty(REPORT_PROPERTY, doc.getId());
  }
  // The tables' cells styled by one Docs API request after saving (a ranking of 500 schools would
  // take DocumentApp three calls a cell), as the school's documents are (doc-tables.ts).
  const docs = docsApi();
  const deferred = renderToBody(doc.getBody(), model, DocumentApp, docs !== null);
  const url = doc.getUrl();
  const documentId = doc.getId();
  doc.saveAndClose();
  if (docs) styleDocumentWithApi(docs, documentId, deferred);
  return url;
}

function jobPorts(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, folderId: string): DistrictJobPorts {
  const started = Date.now();
  return {
    workbook: new GasWorkbook(ss),
    clock: gasClock(ss),
    progress: toastProgress(ss, "Сводка района"),
    state: scriptState(),
    stopwatch: { elapsedMs: () => Date.now() - started },
    scheduler,
    lock: scriptLock(),
    sources: driveSources(folderId),
    storeReport,
    drawCharts: (plan: DistrictPlan) => {
      const sheet = ss.getSheetByName(DISTRICT_SHEETS.totals);
      if (sheet) drawSummaryCharts(sheet, plan.charts);
    },
  };
}

function run(action: (ss: GoogleAppsScript.Spreadsheet.Spreadsheet) => string): void {
  const ss = SpreadsheetApp.getActive();
  try {
    ss.toast(action(ss), DISTRICT_MENU, 10);
  } catch (e) {
    SpreadsheetApp.getUi().alert(`${DISTRICT_MENU}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function folderOf(): string {
  const id = PropertiesService.getDocumentProperties()?.getProperty(FOLDER_PROPERTY);
  if (!id)
    throw new Error(
      "Папка с пакетами школ не указана: выберите «Район» → «Указать папку с пакетами школ…» и вставьте ссылку на папку Google Диска.",
    );
  return id;
}

function outcomeText(o: JobOutcome): string {
  return o.message;
}

/** Menu: asks for the Drive folder the schools' packages are put in, and remembers it. */
export function menuDistrictFolder(): void {
  run((ss) => {
    const ui = SpreadsheetApp.getUi();
    const answer = ui.prompt(
      "Папка с пакетами школ",
      "Вставьте ссылку на папку Google Диска, в которую школы кладут отчётные пакеты (.xlsx):",
      ui.ButtonSet.OK_CANCEL,
    );
    if (answer.getSelectedButton() !== ui.Button.OK) return "Папка не изменена.";
    const id = folderIdOf(answer.getResponseText());
    if (!id)
      throw new Error(
        "Это не ссылка на папку Google Диска: откройте папку и скопируйте адрес из строки браузера.",
      );
    const files = driveSources(id).list();
    PropertiesService.getDocumentProperties()?.setProperty(FOLDER_PROPERTY, id);
    ensureExpectedSheet(new GasWorkbook(ss));
    return `Папка запомнена: в ней ${files.length} ${plural(files.length, "книга", "книги", "книг")} (.xlsx или Google Таблицы). Впишите школы района на лист «${DISTRICT_SHEETS.expected}» и выберите «Собрать сводку района».`;
  });
}

/** Menu: rolls the folder's packages up (a job: it continues from triggers when the folder is large). */
export function menuDistrictRollUp(): void {
  run((ss) => outcomeText(runJob(districtJob(), jobPorts(ss, folderOf()), "start")));
}

/** The continuation trigger of the district roll-up. */
export function continueDistrict(): void {
  const ss = SpreadsheetApp.getActive();
  try {
    const ports = jobPorts(ss, folderOf());
    runJob(districtJob(), ports, "continue");
  } catch (e) {
    console.error(`Сводка района: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Simple trigger: the «Район» menu. */
export function onOpen(): void {
  const menu = SpreadsheetApp.getUi().createMenu(DISTRICT_MENU);
  for (const item of districtMenuItems) {
    if (item === "separator") menu.addSeparator();
    else menu.addItem(item.caption, item.fn);
  }
  menu.addToUi();
}
