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
  /**
   * Whether respondents can answer it: published (Google creates forms unpublished) and accepting
   * responses. False with `closedBecause` (Russian) when it could not be published or is closed.
   */
  accepting: boolean;
  closedBecause?: string;
  /**
   * The plan's pre-filled links with their placeholders (FormResponse.toPrefilledUrl), by variant;
   * absent when the plan asks for none or Google refused them.
   */
  prefillTemplates?: Record<string, string>;
}

/** Creates and updates the questionnaires' forms; links their responses to this workbook. */
export interface FormsPort {
  /**
   * Creates the form, or updates in place the one with `existingId`; links responses here, and
   * links again a form whose response sheet is gone or whose responses go elsewhere; publishes it.
   */
  publish(plan: FormPlan, existingId: string | null): PublishedForm | UnavailableForm;
  /**
   * `publish` of several forms at once, in order (optional): an adapter that can batch its calls
   * across forms does them together.
   */
  publishAll?(
    list: { plan: FormPlan; existingId: string | null }[],
    /** Called as the work of form `index` starts (progress). */
    onForm?: (index: number) => void,
  ): (PublishedForm | UnavailableForm)[];
  /**
   * Keeps one submit trigger per workbook, whoever installed it: creates it when there is none,
   * never a second one beside another curator's.
   */
  ensureSubmitTrigger(): SubmitTriggerState;
}

/**
 * The form «Анкеты» names could not be opened by whoever runs the program: not shared with them,
 * or deleted. No other form is created in its place (its link has been sent to people).
 */
export interface UnavailableForm {
  unavailable: { formId: string; user: string; error: string };
}

/** The one submit trigger of the workbook (installable triggers run as the user who created them). */
export interface SubmitTriggerState {
  /** Whose authority it runs with ("" when unknown). */
  owner: string;
  /** It is the current user's. */
  mine: boolean;
  /** It was created now. */
  created: boolean;
  /** The current user's own duplicates deleted (another curator's trigger is the one). */
  removed: number;
  /** The former owner, who had lost access to the workbook, whose trigger this one replaces. */
  replaced?: string;
}
