/**
 * Every function Apps Script calls — the simple trigger, menu items, installable triggers, sidebar
 * calls — by name, and nothing else. The build makes each a top-level function declaration of
 * Code.js and fails if one is not a function (a trigger's handler name, say, stays in its feature
 * module). test/build checks that every menu item, trigger handler and google.script.run call
 * names one of them. Each is a few lines in its feature module that wire the Apps Script ports
 * and call a core use-case.
 */

// Menu: documents and reports; the monthly report trigger.
export {
  menuDocAnalysis,
  menuDocOrder,
  menuDocPrograms,
  menuDocReport,
  menuInstallMonthlyReport,
  menuRemoveMonthlyReport,
  menuSendReportCurator,
  menuSendReportDepartment,
  menuSendReportDirector,
  onMonthlyReport,
} from "./features/documents";
// Menu: questionnaires; the form submit trigger.
export { menuPublishForms, menuReplayResponses, onFormResponse } from "./features/forms";
// The continuation trigger of long operations.
export { continueJobs } from "./features/jobs";
// Menu: the mentors' paperwork under ТК РФ ст. 351.8, the pay list, recognition; ending a pair early.
export { menuDocLabour, menuDocPayList, menuDocRecognition, menuEndPair } from "./features/labour";
// Menu: matching; the pair review sidebar (google.script.run).
export {
  menuApprovePairs,
  menuMatchPairs,
  menuRematchAll,
  menuReviewPairs,
  sidebarApproveAll,
  sidebarDecide,
  sidebarProposals,
} from "./features/matching";
// Menu: monitoring and the end of the cycle.
export { menuCloseCycle, menuRecomputeMonitoring } from "./features/monitoring";
// Menu: the school's «Отчётный пакет» for the district (issue 19).
export { menuDistrictPackage } from "./features/package";
// Menu: «Панель куратора»; its sidebar (google.script.run).
export { menuCuratorPanel, sidebarPanel, sidebarPanelRun } from "./features/panel";
// Menu: personal data.
export { menuCheckAccess, menuEraseConsent, menuProtectPersonalData } from "./features/privacy";
// Menu: the roadmap; the daily reminders trigger.
export {
  dailyReminders,
  menuRoadmapImport,
  menuRoadmapInstallTrigger,
  menuRoadmapLoadTemplate,
  menuRoadmapRefresh,
  menuRoadmapRemindNow,
  menuRoadmapRemoveTrigger,
} from "./features/roadmap";
// Menu: the curator's scores of the rubric (sidebar «Оценка куратора», google.script.run).
export { menuRubricReview, sidebarRubric, sidebarRubricSave } from "./features/rubric";
// Menu: the summary.
export { menuRefreshSummary } from "./features/summary";
// The simple trigger that adds the menu; menu: the workbook.
export { menuInitWorkbook, onOpen } from "./features/workbook";
