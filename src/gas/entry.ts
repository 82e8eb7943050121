/**
 * Every function Apps Script calls — simple triggers, menu items, installable triggers, sidebar
 * calls — re-exported from one module per feature. The build turns each export into a top-level
 * function declaration of Code.js, so none can be forgotten. Each is a few lines that wire the
 * Apps Script ports and call a core use-case.
 */

export * from "./features/documents";
export * from "./features/forms";
export * from "./features/jobs";
export * from "./features/matching";
export * from "./features/monitoring";
export * from "./features/privacy";
export * from "./features/roadmap";
export * from "./features/summary";
export * from "./features/workbook";
