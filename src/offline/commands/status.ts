import { calendarDate } from "../../core/dates";
import { sheetName } from "../../core/templates/load";
import {
  curatorPanel,
  describePanel,
  type PanelAction,
  type PanelActionKey,
} from "../../core/usecases/status";
import type { Command } from "./types";
import { openWorkbook, workbookPath } from "./workbook";

/**
 * `mentor status`: «Панель куратора» offline — the model core computes for the sidebar
 * (usecases/status.ts), printed as text, each button as the command that does the same.
 */

/** What each button of the panel is offline: a command, or a sheet to open in Excel or LibreOffice. */
export function offlineAction(key: PanelActionKey, file: string): string {
  const f = ` --file "${file}"`;
  const open = (sheet: Parameters<typeof sheetName>[0]) => `откройте лист «${sheetName(sheet)}» в ${file}`;
  switch (key) {
    case "init":
      return `mentor init${f}`;
    case "publishForms":
      return `mentor import ВЫГРУЗКА.csv --form mentor|mentee${f}`;
    case "match":
      return `mentor match${f}`;
    case "review":
      return `${open("pairs")}, затем mentor approve ID…${f}`;
    case "approve":
      return `mentor approve --all${f}`;
    case "order":
      return `mentor doc order${f}`;
    case "programs":
      return `mentor doc program${f}`;
    case "monitoring":
      return `mentor monitor${f}`;
    case "rubric":
      return `mentor rubric${f}`;
    case "summary":
      return `mentor summary --write${f}`;
    case "analysis":
      return `mentor doc analysis${f}`;
    case "report":
      return `mentor doc report${f}`;
    case "closeCycle":
      return `mentor close-cycle${f}`;
    case "roadmapRefresh":
      return `mentor roadmap refresh${f}`;
    case "open:settings":
      return open("settings");
    case "open:mentors":
      return open("mentors");
    case "open:mentees":
      return open("mentees");
    case "open:pair_activity":
      return open("pair_activity");
    case "open:monitoring":
      return open("monitoring");
  }
}

export const statusCommand: Command = {
  name: "status",
  usage:
    "status               Панель куратора: где вы в цикле года, что сделать дальше, что требует внимания",
  valueOptions: ["file"],
  flags: [],
  help: {
    synopsis: ["status [--file КНИГА.xlsx] [--today ДАТА]"],
    options: [],
    details: [
      "То же, что «Панель куратора» в Google Таблицах: шаги года (анкеты → базы → подбор → проверка →",
      "утверждение → приказ → программы → встречи → мониторинг → итоги) с числами из книги, следующее",
      "действие — командой, которая его выполняет, и предупреждения. Книгу не меняет.",
    ],
    examples: ["mentor status --file школа.xlsx", "mentor status --file школа.xlsx --today 15.10.2026"],
  },
  async run(ctx) {
    const file = workbookPath(ctx.options.file);
    const { wb } = await openWorkbook(ctx, { readOnly: true });
    const panel = curatorPanel(wb, calendarDate(ctx.clock.now()));
    ctx.out(`${describePanel(panel, (a: PanelAction) => offlineAction(a.key, file))}\n`);
    return 0;
  },
};
