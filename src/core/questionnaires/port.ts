/**
 * The forms port: publishes a questionnaire's plan as a Google Form (or its stand-in) linked to
 * this workbook. Apps Script (src/gas/forms.ts) implements it; the use-case is usecases/forms.ts.
 */
import type { FormPlan } from "./form-plan";

/** A published Google Form (or its stand-in). */
export interface PublishedForm {
  formId: string;
  respondentUrl: string;
  editUrl: string;
  /** The sheet of this workbook its responses land in. */
  responseSheet: string;
  /**
   * Set when a form published before had lost its link to this workbook (its response sheet
   * deleted, the form unlinked or sending elsewhere) and was linked again: why, in Russian.
   */
  relinked?: string;
}

/** Creates and updates the questionnaires' forms; links their responses to this workbook. */
export interface FormsPort {
  /**
   * Creates the form, or updates in place the one with `existingId`; links responses here, and
   * links again a form whose response sheet is gone or whose responses go elsewhere.
   */
  publish(plan: FormPlan, existingId: string | null): PublishedForm;
  /** Installs the one submit trigger. True when it had to be created. */
  ensureSubmitTrigger(): boolean;
}
