import { DAILY_TRIGGER_LOCK_TIMEOUT_MS, withWorkbookLock } from "../../core/ports";
import { findRoadmapTemplate, roadmapTemplateChoices } from "../../core/roadmap/templates";
import { describeReminders, sendRoadmapReminders } from "../../core/usecases/reminders";
import {
  describeAdd,
  describeRoadmap,
  importRoadmapPasteSheet,
  loadRoadmapTemplate,
  PASTE_SHEET,
  refreshRoadmap,
} from "../../core/usecases/roadmap";
import { appendJournal } from "../../core/workbook/journal";
import { Table } from "../../core/workbook/table";
import { gasContext, runMenuAction, withEditGuard } from "../context";
import { guardTrigger } from "../errors";
import { rearmStrandedJobs, reconcileUnattended } from "../jobs";
import { MENU_TITLE } from "../menu";
import { type GasContext, gasMailer } from "../ports";
import { ensureSingleTrigger, forgetTrigger, otherOwner } from "../trigger-owners";

/** The installable trigger's handler: exactly one daily trigger calls it. */
const REMINDER_HANDLER = "dailyReminders";
const REMINDER_HOUR = 7;

function log(ctx: GasContext, level: "ошибка" | "предупреждение" | "информация", message: string): void {
  appendJournal(
    ctx.workbook,
    [{ at: ctx.clock.now(), level, operation: "Напоминания", message, user: ctx.user }],
    Table.load(ctx.workbook, "log").columns,
  );
}

/** Menu: «Дорожная карта: загрузить шаблон…» — the curator picks a template by number or id. */
export function menuRoadmapLoadTemplate(): void {
  runMenuAction("Шаблон дорожной карты", (ctx) => {
    const ui = SpreadsheetApp.getUi();
    const list = roadmapTemplateChoices()
      .map((t, i) => `${i + 1} — ${t.title} (${t.id}, мероприятий: ${t.events})`)
      .join("\n");
    const answer = ui.prompt(
      "Шаблон дорожной карты",
      `Введите номер или код шаблона:\n${list}\n0 — начать с пустой дорожной карты\n\n` +
        "Мероприятия, которые уже есть на листе (тот же этап и формулировка), не повторяются.",
      ui.ButtonSet.OK_CANCEL,
    );
    if (answer.getSelectedButton() !== ui.Button.OK) return "Загрузка шаблона отменена.";
    const choice = answer.getResponseText().trim();
    if (choice === "" || choice === "0") return describeAdd(loadRoadmapTemplate(ctx, null));
    const template = findRoadmapTemplate(choice);
    if (!template) throw new Error(`Шаблон «${choice}» не найден. Введите номер из списка.`);
    const report = loadRoadmapTemplate(ctx, template.id);
    ctx.ss.getSheetByName("Дорожная карта")?.activate();
    return describeAdd(report);
  });
}

/** Menu: «Дорожная карта: импорт вставленной таблицы» from the sheet «Вставка дорожной карты». */
export function menuRoadmapImport(): void {
  runMenuAction("Импорт дорожной карты", (ctx) => {
    const result = importRoadmapPasteSheet(ctx);
    const pasteSheet = () => ctx.ss.getSheetByName(PASTE_SHEET)?.activate();
    switch (result.kind) {
      case "created":
      case "empty":
        pasteSheet();
        SpreadsheetApp.getUi().alert(
          `${MENU_TITLE}: вставьте таблицу дорожной карты на лист «${PASTE_SHEET}», начиная с ячейки A1 ` +
            "(скопируйте её из Word, PDF или другой таблицы вместе со строкой заголовков: №, мероприятие, срок, " +
            "ответственный, результат), и снова выберите «Дорожная карта: импорт вставленной таблицы».",
        );
        return `Лист «${PASTE_SHEET}» ждёт таблицу.`;
      case "nothing":
        pasteSheet();
        return result.warnings.join(" ");
      case "imported":
        ctx.ss.getSheetByName("Дорожная карта")?.activate();
        return describeAdd(result);
    }
  });
}

/** Menu: «Дорожная карта: обновить сроки и статусы». */
export function menuRoadmapRefresh(): void {
  runMenuAction("Дорожная карта", (ctx) => describeRoadmap(refreshRoadmap(ctx)));
}

/** Menu: «Дорожная карта: отправить напоминания сейчас» (with the curator's digest). */
export function menuRoadmapRemindNow(): void {
  runMenuAction({ title: "Напоминания", requires: ["mail"] }, (ctx) =>
    describeReminders(sendRoadmapReminders({ ...ctx, mailer: gasMailer() }, { forceCuratorDigest: true })),
  );
}

function reminderTriggers(): GoogleAppsScript.Script.Trigger[] {
  return ScriptApp.getProjectTriggers().filter((t) => t.getHandlerFunction() === REMINDER_HANDLER);
}

/** Menu: «Дорожная карта: включить ежедневные напоминания» — one daily trigger, never two. */
export function menuRoadmapInstallTrigger(): void {
  // The trigger will mail as its owner: they grant that now, while they are at the screen.
  runMenuAction({ title: "Ежедневные напоминания", requires: ["triggers", "email", "mail"] }, (ctx) =>
    withWorkbookLock(ctx, () => {
      // One per workbook, whoever installs it (a trigger runs as, and is seen only by, its creator).
      const t = ensureSingleTrigger(ctx.ss, REMINDER_HANDLER, () =>
        // In the school's zone (the spreadsheet's, set at init from «Настройки»), not the script's.
        ScriptApp.newTrigger(REMINDER_HANDLER)
          .timeBased()
          .everyDays(1)
          .atHour(REMINDER_HOUR)
          .inTimezone(ctx.ss.getSpreadsheetTimeZone())
          .create(),
      );
      if (!t.mine)
        return `Ежедневные напоминания уже включены куратором ${t.owner} и отправляются от его имени (около ${REMINDER_HOUR}:00); второй раз они не включаются.`;
      if (!t.created) return `Ежедневные напоминания уже включены (около ${REMINDER_HOUR}:00).`;
      log(
        ctx,
        "информация",
        `Включены ежедневные напоминания о сроках дорожной карты (около ${REMINDER_HOUR}:00).`,
      );
      return (
        `Ежедневные напоминания включены: каждый день около ${REMINDER_HOUR}:00 ответственные получают ` +
        "письма о близких и просроченных сроках, куратор — сводку по понедельникам."
      );
    }),
  );
}

/** Menu: «Дорожная карта: выключить ежедневные напоминания». */
export function menuRoadmapRemoveTrigger(): void {
  runMenuAction({ title: "Ежедневные напоминания", requires: ["triggers", "email"] }, (ctx) =>
    withWorkbookLock(ctx, () => {
      const other = otherOwner(ctx.ss, REMINDER_HANDLER);
      const existing = reminderTriggers();
      for (const t of existing) ScriptApp.deleteTrigger(t);
      if (other)
        return `Ежедневные напоминания включены куратором ${other} и отправляются от его имени: выключить их может только он.`;
      forgetTrigger(REMINDER_HANDLER);
      if (existing.length === 0) return "Ежедневные напоминания не были включены.";
      log(ctx, "информация", "Ежедневные напоминания о сроках дорожной карты выключены.");
      return "Ежедневные напоминания выключены.";
    }),
  );
}

/**
 * Installable trigger (daily): refreshes the roadmap's statuses and sends today's reminders.
 * Guarded: a failure reaches «Журнал» and the curator (once a day).
 */
export function dailyReminders(): void {
  guardTrigger(
    {
      handler: REMINDER_HANDLER,
      operation: "Ежедневные напоминания",
      requires: ["sheets", "mail"],
      failedLine: (l) => l.level === "ошибка" && l.operation.indexOf("Напоминани") === 0,
    },
    () => {
      try {
        const ctx = gasContext("Напоминания");
        // Once a day at least, the responses whose submit trigger Apps Script refused are taken.
        reconcileUnattended(ctx);
        withWorkbookLock(
          ctx,
          () =>
            withEditGuard(ctx, (g) => sendRoadmapReminders({ ...g, lock: undefined, mailer: gasMailer() })),
          DAILY_TRIGGER_LOCK_TIMEOUT_MS,
        );
      } catch (e) {
        throw new Error(`Ежедневные напоминания не выполнены: ${e instanceof Error ? e.message : String(e)}`);
      } finally {
        // Once a day at least, a long operation left waiting without its continuation goes on.
        rearmStrandedJobs(SpreadsheetApp.getActive());
      }
    },
  );
}
