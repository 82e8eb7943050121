/**
 * «Файл → Создать копию» of the active spreadsheet: the fake becomes the copy (a new ID, owned by
 * whoever copied it) with the script bound to it, as a school taking a template would see it.
 *
 * - The bound script is copied with the spreadsheet (a new script ID); its installable triggers are
 *   not: a trigger belongs to the project and user that created it (Apps Script «Installable
 *   triggers»), so the copy starts with none.
 * - Sharing is not copied: the copy's only editor is its owner.
 * - The script's properties: copied by default (`scriptProperties: "cleared"` for a copy that
 *   starts without them), as the document's (`documentProperties`). Google does not document
 *   either way: docs/smoke-test.md asks to check it.
 * - Forms: copying a spreadsheet that receives a form's responses also copies the form, linked to
 *   the copy (nprapps/lookatthis#195: «When a copytext spreadsheet is copied, Google drive is
 *   automatically creating a form in the user's drive folder and attaching a responses sheet to the
 *   copied spreadsheet»); with `forms` given, FormsControl.copyLinkedForms does so. The original
 *   forms keep sending their responses to the original.
 */
import type { FormData, FormsControl } from "./forms";
import type { GasFake } from "./index";

export interface CopyOptions {
  /** Who makes the copy (default: the active user); they own it. */
  copier?: string;
  /** The copy's ID (default: the original's with «-copy»). */
  copyId?: string;
  scriptProperties?: "copied" | "cleared";
  documentProperties?: "copied" | "cleared";
}

export interface CopyResult {
  originalId: string;
  copyId: string;
  /** The forms Google copied with the spreadsheet. */
  forms: FormData[];
}

export function copySpreadsheet(
  fake: GasFake,
  forms: FormsControl | null,
  options: CopyOptions = {},
): CopyResult {
  const env = fake.env;
  const model = env.activeSpreadsheet();
  const originalId = model.id;
  const copyId = options.copyId ?? `${originalId}-copy`;
  const copier = options.copier ?? fake.users.active;
  env.spreadsheets.delete(originalId);
  model.id = copyId;
  model.owner = copier;
  model.editors = [copier];
  model.viewers = [];
  env.spreadsheets.set(copyId, model);
  env.activeSpreadsheetId = copyId;
  env.config.scriptId = `${env.config.scriptId}-copy`;
  fake.state.triggers.length = 0;
  if (options.scriptProperties === "cleared") clear(fake.state.properties.script);
  if (options.documentProperties === "cleared") clear(fake.state.properties.document);
  Object.assign(fake.users, { owner: copier, active: copier, effective: copier });
  const copied = forms ? forms.copyLinkedForms(originalId, copyId, copier) : [];
  return { originalId, copyId, forms: copied };
}

function clear(store: Record<string, string>): void {
  for (const k of Object.keys(store)) delete store[k];
}
