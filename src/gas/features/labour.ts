import { cellDate } from "../../core/cells";
import { utcDate } from "../../core/dates";
import { mentorDocumentsJob } from "../../core/jobs/labour";
import { type DocumentKind, describeGenerated, generateDocuments } from "../../core/usecases/documents";
import { describeEndPair, endPairEarly, parseInitiator } from "../../core/usecases/labour";
import { runMenuAction } from "../context";
import { gasDocumentStore } from "../documents";
import { startJob } from "../jobs";
import { MENU_TITLE } from "../menu";
import type { GasContext } from "../ports";

/** The mentors' paperwork under ТК РФ ст. 351.8, the pay list and the recognition (core/usecases/labour*). */

function documentPorts(ctx: GasContext) {
  return {
    workbook: ctx.workbook,
    clock: ctx.clock,
    lock: ctx.lock,
    user: ctx.user,
    store: gasDocumentStore(),
  };
}

function generate(title: string, kinds: DocumentKind[], options: { month?: Date } = {}): void {
  runMenuAction({ title, requires: ["documents"] }, (ctx) =>
    describeGenerated(generateDocuments(documentPorts(ctx), kinds, options), kinds),
  );
}

/**
 * Menu: «Документы: согласия и доп. соглашения наставников» — a job (core/jobs/labour.ts): a few
 * documents per chunk, continued by a trigger when a large school's set does not fit one execution.
 */
export function menuDocLabour(): void {
  runMenuAction(
    "Согласия и дополнительные соглашения наставников",
    (ctx) => startJob(ctx, mentorDocumentsJob("labour_documents")),
    // The job guards each chunk itself.
    { guardEdits: false, requires: ["documents", "triggers"] },
  );
}

/** Menu: «Документы: список на доплату за наставничество…» — asks for the month (blank: the last one). */
export function menuDocPayList(): void {
  const ui = SpreadsheetApp.getUi();
  const answer = ui.prompt(
    "Список на доплату за наставничество",
    "Месяц в виде ММ.ГГГГ (например, 04.2027). Оставьте пустым — список за прошлый месяц. Лист «Доплата за наставничество» заполнится за этот месяц.",
    ui.ButtonSet.OK_CANCEL,
  );
  if (answer.getSelectedButton() !== ui.Button.OK) return;
  const text = answer.getResponseText().trim();
  let month: Date | undefined;
  if (text !== "") {
    const m = /^(\d{1,2})\.(\d{4})$/.exec(text);
    const d = m ? utcDate(Number(m[2]), Number(m[1]), 1) : cellDate(text);
    if (!d || (m && (Number(m[1]) < 1 || Number(m[1]) > 12))) {
      ui.alert(`${MENU_TITLE}: «${text}» — не месяц. Укажите его как ММ.ГГГГ, например 04.2027.`);
      return;
    }
    month = d;
  }
  generate("Список на доплату за наставничество", ["paylist"], { month });
}

/** Menu: «Документы: благодарственные письма и справки» — a job, as the consents. */
export function menuDocRecognition(): void {
  runMenuAction(
    "Благодарственные письма и справки наставникам",
    (ctx) => startJob(ctx, mentorDocumentsJob("recognition_documents")),
    { guardEdits: false, requires: ["documents", "triggers"] },
  );
}

/** Menu: «Досрочно прекратить наставничество…»: the pair, the initiator, the reason; then the notice. */
export function menuEndPair(): void {
  const ui = SpreadsheetApp.getUi();
  const title = "Досрочно прекратить наставничество";
  const ask = (text: string): string | null => {
    const a = ui.prompt(title, text, ui.ButtonSet.OK_CANCEL);
    return a.getSelectedButton() === ui.Button.OK ? a.getResponseText().trim() : null;
  };
  const pairId = ask("ID пары с листа «Пары» (например, П-0003):");
  if (!pairId) return;
  const by = ask("Кто инициатор: наставник, работодатель или наставляемый?");
  if (by === null) return;
  const initiator = parseInitiator(by);
  if (!initiator) {
    ui.alert(
      `${MENU_TITLE}: «${by}» — укажите наставник, работодатель или наставляемый. Ничего не изменено.`,
    );
    return;
  }
  const reason = ask("Причина (попадёт в уведомление и на лист «Пары»):");
  if (reason === null) return;
  runMenuAction({ title, requires: ["documents"] }, (ctx) => {
    const report = endPairEarly(ctx, { pairId, initiator, reason });
    let notice: string | undefined;
    if (report.covered) {
      const r = generateDocuments(documentPorts(ctx), ["notice"], { pairIds: [report.pairId] });
      notice = r.stored[0]?.name;
    }
    const message = describeEndPair(report, notice);
    ui.alert(title, message, ui.ButtonSet.OK);
    return message;
  });
}
