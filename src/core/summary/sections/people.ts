/** «Сводка»: «Участники по ролям», «Формы наставничества» and «Пары». */

import {
  asText,
  type Cond,
  cellOf,
  count,
  countDistinct,
  type Expr,
  matchingRows,
  range,
  type Source,
  str,
  sum,
} from "../../formulas/cells";
import { countPairsAndGroups } from "../../participants/groups";
import { sheetName } from "../../templates/load";
import { MENTEE_STATUS, MENTOR_STATUS, PAIR_STATUS } from "../../workbook/statuses";
import { type Builder, num, sumCells } from "../builder";
import type { SummaryContext, SummarySources } from "../context";
import type { FormFigures, MenteeFigures, MentorFigures, PairFigures } from "../figures";

/** A participant: a row of a bank with «ФИО» filled. */
const named: Cond = { col: "full_name", filled: true };

/** The header of the banks' «ФИО» column. */
const NAME_HEADER = "ФИО";

/**
 * Every participant of a bank: its rows with «ФИО» filled, but for a header row sorted or pasted
 * into the data (its «ФИО» is the header), left out when there is one (issue 15, item 4; init and
 * the commands name its row). The other counts need no such condition: a status, a form or a
 * category never equals its own header.
 */
function everyone(s: Source): Cond[] {
  return matchingRows(s, [{ col: "full_name", is: NAME_HEADER }]).length > 0
    ? [named, { col: "full_name", isNot: NAME_HEADER }]
    : [named];
}
const pairNamed: Cond = { col: "pair_id", filled: true };

/** Pairs of «Пары» with this status (and of this form when given). */
function pairsBy(pairs: Source, status: string, form?: string): Expr {
  return count(pairs, [
    pairNamed,
    ...(form === undefined ? [] : [{ col: "form", is: form } as Cond]),
    { col: "status", is: status },
  ]);
}

export interface ParticipantsSection {
  /** Cells of the mentors' and the mentees' lines (columns B–I; null where the line has none). */
  mentorRefs: (Expr | null)[];
  menteeRefs: (Expr | null)[];
  mentors: MentorFigures;
  mentees: MenteeFigures;
}

/** «Участники по ролям»: the banks by «Статус». */
export function participantsSection(b: Builder, src: SummarySources): ParticipantsSection {
  b.section("Участники по ролям");
  b.header([
    "Роль",
    "Всего в базе",
    "Кандидаты",
    "Допущены",
    "Ожидают пары",
    "В паре",
    "Без пары — сопровождение психолога",
    "Завершили",
    "Выбыли",
  ]);
  const byStatus = (s: Source, status: string) => count(s, [named, { col: "status", is: status }]);
  const mentorLine = b.line(`Наставники (лист «${sheetName("mentors")}»)`, [
    count(src.mentors, everyone(src.mentors)),
    byStatus(src.mentors, MENTOR_STATUS.candidate),
    byStatus(src.mentors, MENTOR_STATUS.admitted),
    null,
    byStatus(src.mentors, MENTOR_STATUS.paired),
    null,
    byStatus(src.mentors, MENTOR_STATUS.finished),
    byStatus(src.mentors, MENTOR_STATUS.left),
  ]);
  const menteeLine = b.line(`Наставляемые (лист «${sheetName("mentees")}»)`, [
    count(src.mentees, everyone(src.mentees)),
    null,
    null,
    byStatus(src.mentees, MENTEE_STATUS.waiting),
    byStatus(src.mentees, MENTEE_STATUS.paired),
    byStatus(src.mentees, MENTEE_STATUS.supported),
    byStatus(src.mentees, MENTEE_STATUS.finished),
    byStatus(src.mentees, MENTEE_STATUS.left),
  ]);
  b.line(
    "Всего участников",
    mentorLine.refs.map((m, i) => sumCells([m, menteeLine.refs[i]])),
  );
  b.note("Участник — строка базы с заполненным ФИО; столбцы — значения «Статус».");
  const mr = mentorLine.refs;
  const nr = menteeLine.refs;
  const mentors: MentorFigures = {
    total: num(mr[0]),
    candidates: num(mr[1]),
    admitted: num(mr[2]),
    paired: num(mr[4]),
    finished: num(mr[6]),
    left: num(mr[7]),
  };
  const mentees: MenteeFigures = {
    total: num(nr[0]),
    waiting: num(nr[3]),
    paired: num(nr[4]),
    supported: num(nr[5]),
    finished: num(nr[6]),
    left: num(nr[7]),
  };
  b.blank();
  return { mentorRefs: mr, menteeRefs: nr, mentors, mentees };
}

export interface FormsSection {
  /** The header row and the last form's row (the chart's block). */
  header: number;
  last: number;
  forms: FormFigures[];
  formsTotal: FormFigures;
  /** Cells of the line «Всего» (columns B–G). */
  totalRefs: (Expr | null)[];
}

/** «Формы наставничества»: people and pairs per form, then all forms together. */
export function formsSection(b: Builder, src: SummarySources, ctx: SummaryContext): FormsSection {
  b.section("Формы наставничества");
  const header = b.header([
    "Форма наставничества",
    "Наставников (готовы работать в форме)",
    "Наставляемых (выбрали форму)",
    "Из них ожидают пары",
    "Наставляемых в предложенных парах",
    "Наставляемых в утверждённых парах",
    "Наставляемых в завершённых парах",
  ]);
  const forms: FormFigures[] = [];
  for (const form of ctx.forms) {
    const line = b.line(form, [
      count(src.mentors, [named, { col: "forms", contains: form }]),
      count(src.mentees, [named, { col: "form", is: form }]),
      count(src.mentees, [named, { col: "form", is: form }, { col: "status", is: MENTEE_STATUS.waiting }]),
      pairsBy(src.pairs, PAIR_STATUS.proposed, form),
      pairsBy(src.pairs, PAIR_STATUS.approved, form),
      pairsBy(src.pairs, PAIR_STATUS.completed, form),
    ]);
    forms.push(formFigures(form, line.refs));
  }
  const last = b.last();
  const totalForms = b.line("Всего (все формы и без формы)", [
    count(src.mentors, everyone(src.mentors)),
    count(src.mentees, everyone(src.mentees)),
    count(src.mentees, [named, { col: "status", is: MENTEE_STATUS.waiting }]),
    pairsBy(src.pairs, PAIR_STATUS.proposed),
    pairsBy(src.pairs, PAIR_STATUS.approved),
    pairsBy(src.pairs, PAIR_STATUS.completed),
  ]);
  const formsTotal = formFigures("Всего", totalForms.refs);
  b.note(
    "Наставник учитывается во всех формах, которые он указал; пары — по столбцу «Форма наставничества» листа «Пары».",
  );
  b.blank();
  return { header, last, forms, formsTotal, totalRefs: totalForms.refs };
}

function formFigures(form: string, refs: (Expr | null)[]): FormFigures {
  return {
    form,
    mentors: num(refs[0]),
    mentees: num(refs[1]),
    waiting: num(refs[2]),
    proposed: num(refs[3]),
    approved: num(refs[4]),
    completed: num(refs[5]),
  };
}

/** «Пары»: by status, from the forms' total line; `waiting` is the mentees' «Ожидают пары» cell. */
export function pairsSection(
  b: Builder,
  src: SummarySources,
  formsTotal: (Expr | null)[],
  waiting: Expr,
): { approved: Expr; pairs: PairFigures; individual: Expr; groups: Expr; noConsent: Expr; noMentor: Expr } {
  b.section("Пары");
  const proposed = b.line("Предложены, ждут утверждения: наставляемых", [formsTotal[3]!]).refs[0]!;
  const approved = b.line("Утверждены, работают: наставляемых в парах и группах", [formsTotal[4]!]).refs[0]!;
  const completed = b.line("Завершены: наставляемых в парах и группах", [formsTotal[5]!]).refs[0]!;
  const terminated = b.line("Расторгнуто (строк листа «Пары»)", [pairsBy(src.pairs, PAIR_STATUS.terminated)])
    .refs[0]!;
  const rejected = b.line("Отклонено или запрещено (строк листа «Пары»)", [
    sum([
      { sign: 1, e: pairsBy(src.pairs, PAIR_STATUS.rejected) },
      { sign: 1, e: pairsBy(src.pairs, PAIR_STATUS.forbidden) },
    ]),
  ]).refs[0]!;
  const formed = b.line("Закреплено наставляемых (строки пар утверждены или завершены)", [
    sum([
      { sign: 1, e: approved },
      { sign: 1, e: completed },
    ]),
  ]).refs[0]!;
  const units = pairsAndGroupsExprs(src.pairs);
  const individual = b.line("из них в парах (наставник с одним наставляемым), пар", [units.individual])
    .refs[0]!;
  const groups = b.line("из них в группах (наставник с несколькими наставляемыми), групп", [units.groups])
    .refs[0]!;
  b.line("Наставляемых ожидают пары (статус)", [waiting]);
  const withoutPair = (why: Cond) =>
    sum(
      [MENTEE_STATUS.waiting, MENTEE_STATUS.supported].map((status) => ({
        sign: 1 as const,
        e: count(src.mentees, [named, { col: "status", is: status }, why]),
      })),
    );
  const noConsent = b.line("Без пары: нет согласия на обработку ПДн", [
    withoutPair({ col: "eligibility", contains: "согласия на обработку" }),
  ]).refs[0]!;
  const noGuardian = b.line("Без пары: нет согласия законного представителя", [
    withoutPair({ col: "eligibility", contains: "законного представителя" }),
  ]).refs[0]!;
  const noMentor = b.line("Без пары: подходят, но нет свободного наставника", [
    withoutPair({ col: "eligibility", is: "да" }),
  ]).refs[0]!;
  b.note(
    "Пара — наставник с одним наставляемым, группа — наставник с несколькими (как в приказе); «без пары» — статусы «ожидает пары» и «без пары — сопровождение психолога» по столбцу «Допуск к подбору».",
  );
  const pairs: PairFigures = {
    individual: num(individual),
    groups: num(groups),
    noConsent: num(noConsent),
    noGuardianConsent: num(noGuardian),
    noFreeMentor: num(noMentor),
    proposed: num(proposed),
    approved: num(approved),
    completed: num(completed),
    terminated: num(terminated),
    rejected: num(rejected),
    formed: num(formed),
  };
  b.blank();
  return {
    approved,
    pairs,
    individual,
    groups,
    noConsent: sum([
      { sign: 1, e: noConsent },
      { sign: 1, e: noGuardian },
    ]),
    noMentor,
  };
}

/**
 * Pairs and groups among the approved and completed rows of «Пары», live: a mentor counted once
 * with one row is a pair, with several a group. The values come from countPairsAndGroups, the one
 * count the documents and the mails use.
 */
function pairsAndGroupsExprs(pairs: Source): { individual: Expr; groups: Expr } {
  const working: Cond[][] = [
    [{ col: "status", is: PAIR_STATUS.approved }],
    [{ col: "status", is: PAIR_STATUS.completed }],
  ];
  const rows = working.flatMap((v) => matchingRows(pairs, [pairNamed, ...v]));
  const c = countPairsAndGroups(
    rows.map((r) => ({ mentorId: asText(cellOf(pairs, r, "mentor_id")).toLowerCase(), menteeId: String(r) })),
  );
  const mr = range(pairs, "mentor_id");
  const sr = range(pairs, "status");
  const pr = range(pairs, "pair_id");
  const m = `(${pr}<>"")*((${sr}=${str(PAIR_STATUS.approved)})+(${sr}=${str(PAIR_STATUS.completed)}))`;
  const rowsOfMentor = [PAIR_STATUS.approved, PAIR_STATUS.completed]
    .map((s) => `COUNTIFS(${mr},${mr},${pr},"<>",${sr},${str(s)})`)
    .join("+");
  const individual: Expr = { f: `SUMPRODUCT(${m}*((${rowsOfMentor})=1))`, v: c.pairs };
  const mentors = countDistinct(pairs, "mentor_id", [pairNamed], working);
  return {
    individual,
    groups: sum([
      { sign: 1, e: mentors },
      { sign: -1, e: individual },
    ]),
  };
}
