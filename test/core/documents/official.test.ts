/**
 * The rules of documents a director signs as they come (ГОСТ Р 7.0.97-2016 office practice), each on
 * the text of the documents built from the demo school: agreement, abbreviations, non-breaking
 * spaces, declension, the order's appendix, deadlines inside the term, page numbers, column widths,
 * the report's addressee, plurals, no workbook vocabulary, and refusals when there is no data.
 */
import { utcDate } from "../../../src/core/dates";
import { analysisFigures, strengthsAndWeaknesses } from "../../../src/core/documents/analysis";
import { CELL_PADDING_MM, longestPieceMm } from "../../../src/core/documents/layout";
import {
  type Block,
  columnWidthsMm,
  type DocumentModel,
  plainText,
  type TableBlock,
} from "../../../src/core/documents/model";
import { programsDeadline } from "../../../src/core/documents/order";
import { meetingPlan } from "../../../src/core/documents/program";
import {
  lowerCase,
  lowerFirst,
  NBSP,
  points,
  shortDate,
  typeset,
} from "../../../src/core/documents/typography";
import type { Cell } from "../../../src/core/ports";
import { noProgress } from "../../../src/core/ports";
import { plural } from "../../../src/core/text";
import {
  buildDocuments,
  DOCUMENT_KINDS,
  type DocumentSet,
  describeGenerated,
  openDocumentSource,
} from "../../../src/core/usecases/documents";
import { initWorkbook } from "../../../src/core/usecases/init";
import type { SettingKey } from "../../../src/core/workbook/keys.generated";
import { Table } from "../../../src/core/workbook/table";
import { sampleSchool } from "../../../src/demo/sample";
import { seedSampleSchool } from "../../../src/demo/seed";
import { playDemoYear } from "../../support/demo-year";
import { MemoryWorkbook } from "../../support/memory-workbook";
import { officialDefects } from "../../support/official-defects";

const NOW = new Date(Date.UTC(2027, 4, 20, 10, 0));
const TODAY = utcDate(2027, 5, 20);
const clock = { now: () => NOW };
const nb = (s: string) => s.replace(/\u00a0/g, " ");

function demoBook(): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  initWorkbook({ workbook: wb, clock, progress: noProgress });
  seedSampleSchool(wb, sampleSchool(NOW), noProgress);
  playDemoYear(wb, TODAY);
  return wb;
}

function setSetting(wb: MemoryWorkbook, key: SettingKey, value: Cell): void {
  const t = Table.load(wb, "settings");
  t.set(t.find("key", key), "value", value);
  t.flush(wb);
}

/** Every piece of text of a model, typeset or not: runs, headings, cells, headers, signatures. */
function texts(doc: DocumentModel): string[] {
  const out: string[] = [doc.title];
  for (const b of doc.blocks) {
    if (b.kind === "paragraph") out.push(...b.runs.map((r) => r.text));
    else if (b.kind === "heading") out.push(b.text);
    else if (b.kind === "list") out.push(...b.items.flatMap((i) => i.map((r) => r.text)));
    else if (b.kind === "table")
      out.push(
        ...b.columns.map((c) => c.header),
        ...b.rows.flatMap((r) => ("span" in r ? [r.span] : r.cells.map((c) => c.text))),
      );
    else if (b.kind === "signature") out.push(...b.lines.flatMap((l) => [l.position, l.name]));
    else if (b.kind === "split") out.push(...[...b.left, ...b.right].map((r) => r.text));
  }
  return out;
}

describe("one plural rule for every count", () => {
  it("agrees 0, 1, 2, 5, 11, 21, 22, 111 and fractions", () => {
    const w = (n: number) => plural(n, "балл", "балла", "баллов");
    expect([0, 1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111, 112].map((n) => `${n} ${w(n)}`)).toEqual([
      "0 баллов",
      "1 балл",
      "2 балла",
      "4 балла",
      "5 баллов",
      "11 баллов",
      "12 баллов",
      "14 баллов",
      "21 балл",
      "22 балла",
      "25 баллов",
      "101 балл",
      "111 баллов",
      "112 баллов",
    ]);
    expect(w(12.5)).toBe("балла");
    expect([0, 13, 21, 22, 12.3].map(points)).toEqual(["баллов", "баллов", "балл", "балла", "балла"]);
    expect(`из 31 ${plural(31, "мероприятия", "мероприятий", "мероприятий")}`).toBe("из 31 мероприятия");
  });

  it("the scan finds the defects of the old documents", () => {
    expect(
      officialDefects(
        "подготовка к гиа; СОШ № 1; Куратору программы наставничества (Сапельцева О.И.) обеспечить; группа Михайлова Марина Викторовна; 0 балла; 13 балла из 18; выполнено 5 из 31 мероприятий; лист «Встречи»; пара П-0003",
      ),
    ).toHaveLength(9);
  });
});

describe("non-breaking spaces and abbreviations", () => {
  it("after «№», in initials, «г.», «т. д.», «и т. п.», between a number and its unit, before a dash", () => {
    const t = (s: string) => typeset(s).replace(/\u00a0/g, "⍽");
    expect(t("МБОУ «СОШ № 1», СОШ №27")).toBe("МБОУ «СОШ №⍽1», СОШ №⍽27");
    expect(t("О. И. Сапельцева, О.И. Сапельцева, Сапельцева О.И.")).toBe(
      "О.⍽И.⍽Сапельцева, О.И.⍽Сапельцева, Сапельцева⍽О.И.",
    );
    expect(t("г. Каменск-Уральский, 2027 г., и т. д., и т. п.")).toBe(
      "г.⍽Каменск-Уральский, 2027⍽г., и⍽т.⍽д., и⍽т.⍽п.",
    );
    expect(t("46 пар, 5 %, 13 баллов")).toBe("46⍽пар, 5⍽%, 13⍽баллов");
    expect(t("учитель – учитель")).toBe("учитель⍽– учитель");
  });

  it("lower-casing keeps abbreviations as written and restores the ones typed in lower case", () => {
    expect(lowerCase("Подготовка к ГИА, Цифровые навыки и ИКТ, ОБЗР, ПДн")).toBe(
      "подготовка к ГИА, цифровые навыки и ИКТ, ОБЗР, ПДн",
    );
    expect(lowerCase("подготовка к огэ и егэ, икт")).toBe("подготовка к ОГЭ и ЕГЭ, ИКТ");
    expect(lowerCase("Занятия ДО и До встречи")).toBe("занятия ДО и до встречи");
    expect(lowerFirst("ИКТ-компетенции")).toBe("ИКТ-компетенции");
    expect(lowerFirst("Работа с родителями")).toBe("работа с родителями");
  });
});

describe("the demo school's documents", () => {
  let wb: MemoryWorkbook;
  let set: DocumentSet;
  const doc = (kind: string) => set.documents.find((d) => d.kind === kind)!.model;

  beforeAll(() => {
    wb = demoBook();
    set = buildDocuments(openDocumentSource(wb, clock), DOCUMENT_KINDS);
  });

  it("have none of the defects: abbreviations, «№ », nominative after a dative, plurals, sheets, pair IDs", () => {
    const all = set.documents.flatMap((d) =>
      texts(d.model).flatMap((t) => officialDefects(t).map((x) => `${d.name}: ${x}`)),
    );
    expect(all).toEqual([]);
    expect(set.documents.length).toBe(15);
  });

  it("agree with each pupil's gender: «обучающаяся» for girls, «Пол» overriding the patronymic", () => {
    const order = nb(plainText(doc("order")));
    const pupils = Table.load(wb, "mentees")
      .records()
      .filter((r) => String(r.values.class) !== "");
    const approved = new Set(
      Table.load(wb, "pairs")
        .records()
        .filter((r) => r.values.status === "утверждена")
        .map((r) => String(r.values.mentee_id)),
    );
    let girls = 0;
    for (const p of pupils.filter((r) => approved.has(String(r.values.id)))) {
      const girl = /вна$/.test(String(p.values.full_name));
      girls += girl ? 1 : 0;
      expect(order).toContain(
        `${p.values.full_name}, ${girl ? "обучающаяся" : "обучающийся"} ${p.values.class} класса`,
      );
    }
    expect(girls).toBeGreaterThan(0);

    // «Пол» filled by the curator wins over the patronymic.
    const mentees = Table.load(wb, "mentees");
    const row = mentees
      .rowIndexes()
      .find(
        (r) =>
          approved.has(String(mentees.get(r, "id"))) &&
          String(mentees.get(r, "class")) !== "" &&
          /вна$/.test(String(mentees.get(r, "full_name"))),
      )!;
    const name = String(mentees.get(row, "full_name"));
    mentees.set(row, "gender", "мужской");
    mentees.flush(wb);
    const again = nb(plainText(buildDocuments(openDocumentSource(wb, clock), ["order"]).documents[0].model));
    expect(again).toContain(`${name}, обучающийся ${mentees.get(row, "class")} класса`);
    mentees.set(row, "gender", "");
    mentees.flush(wb);
  });

  it("keep abbreviations that a lower-cased list holds («подготовка к ГИА», «ИКТ»)", () => {
    const mentors = Table.load(wb, "mentors");
    const pair = set.documents.find((d) => d.kind === "program")!;
    const mentorName = nb(plainText(pair.model))
      .match(/Наставник \| ([^|]+) \|/)![1]
      .trim();
    const row = mentors.rowIndexes().find((r) => String(mentors.get(r, "full_name")) === mentorName)!;
    const before = mentors.get(row, "competencies");
    mentors.set(row, "competencies", "Подготовка к ГИА, Цифровые навыки и ИКТ");
    mentors.flush(wb);
    const again = buildDocuments(openDocumentSource(wb, clock), ["program"]).documents.find(
      (d) => d.key === pair.key,
    )!;
    expect(nb(plainText(again.model))).toContain("компетенции: подготовка к ГИА, цифровые навыки и ИКТ");
    mentors.set(row, "competencies", before);
    mentors.flush(wb);
  });

  it("keep «№», initials and numbers with what follows them (non-breaking spaces)", () => {
    for (const d of set.documents) for (const t of texts(d.model)) expect(t).not.toMatch(/№ /);
    const order = plainText(doc("order"));
    expect(order).toContain(`С.Н.${NBSP}Баева`);
    expect(order).toContain(`${NBSP}пар`);
    expect(order).toContain(`МБОУ «СОШ №${NBSP}1»`);
  });

  it("decline names: «Куратору … Сапельцевой О.И.», «Педагогу-психологу Першиной Т.В.», «группа Михайловой …», «с куратором …»", () => {
    const order = nb(plainText(doc("order")));
    expect(order).toContain("Куратору программы наставничества Сапельцевой О.И. обеспечить");
    expect(order).toContain("Педагогу-психологу Першиной Т.В. обеспечить");
    expect(order).not.toContain("(Сапельцева");
    const program = nb(plainText(set.documents.find((d) => d.kind === "program")!.model));
    expect(program).toMatch(
      /Программа разработана наставником \S+ \S+ совместно с наставляем(ым|ой) \S+ \S+ и согласована с куратором программы наставничества Сапельцевой О\.И\./,
    );
  });

  it("the order: the list of pairs is an appendix after the signature, on its own page, referred to by the order", () => {
    const blocks = doc("order").blocks;
    const order = nb(plainText(doc("order")));
    expect(order).toMatch(
      /1\. Закрепить наставнические пары \(группы\) согласно приложению к настоящему приказу \([^)]+\) на срок, указанный в приложении/,
    );
    const signature = blocks.findIndex((b) => b.kind === "signature");
    const pageBreak = blocks.findIndex((b) => b.kind === "pageBreak");
    const appendixTable = blocks.findIndex((b) => b.kind === "table" && b.columns[1]?.header === "Наставник");
    expect(signature).toBeGreaterThan(0);
    expect(pageBreak).toBeGreaterThan(signature);
    expect(appendixTable).toBeGreaterThan(pageBreak);
    const stamp = blocks.slice(pageBreak + 1, pageBreak + 4) as Block[];
    expect(
      stamp.map((b) => (b.kind === "paragraph" ? nb(b.runs.map((r) => r.text).join("")) : b.kind)),
    ).toEqual(["Приложение", "к приказу МБОУ «СОШ № 1»", "от ______________ № ________"]);
    for (const b of stamp) expect(b.kind === "paragraph" && (b.indentLeftMm ?? 0) >= 90).toBe(true);
    // No table of pairs before the signature.
    expect(blocks.slice(0, signature).some((b) => b.kind === "table")).toBe(false);
  });

  it("puts deadlines inside the pairs' term", () => {
    const end = utcDate(2027, 5, 31);
    expect(shortDate(programsDeadline(utcDate(2027, 5, 25), utcDate(2026, 9, 1), end))).toBe("31.05.2027");
    expect(shortDate(programsDeadline(utcDate(2026, 10, 1), utcDate(2026, 9, 1), end))).toBe("15.10.2026");
    const late = buildDocuments(openDocumentSource(wb, { now: () => new Date(Date.UTC(2027, 4, 25, 9)) }), [
      "order",
    ]);
    expect(nb(plainText(late.documents[0].model))).toContain("в срок до 31.05.2027 разработать");
    // A pair approved late: its plan ends on the term's last working day, never after it.
    const plan = meetingPlan(utcDate(2027, 5, 17), end, 4, []);
    expect(plan.every((m) => m.date.getTime() <= end.getTime())).toBe(true);
    expect(plan[plan.length - 1].type).toBe("итоговая встреча");
  });

  it("ask for page numbers from the second page on (the .docx writer puts them in the header)", () => {
    for (const d of set.documents) expect(d.model.pageNumbers).toBe(true);
  });

  it("give every column at least its longest header word, so that no header breaks inside a word", () => {
    const tables = set.documents.flatMap((d) =>
      d.model.blocks.filter((b): b is TableBlock => b.kind === "table").map((t) => ({ d, t })),
    );
    expect(tables.length).toBeGreaterThan(20);
    for (const { d, t } of tables) {
      if (t.noHeader) continue;
      const widths = columnWidthsMm(d.model.page, t.columns);
      const size = t.size ?? d.model.size - 1;
      t.columns.forEach((c, i) => {
        expect([
          d.name,
          c.header,
          widths[i] + 0.01 >= longestPieceMm(c.header, size, true) + CELL_PADDING_MM,
        ]).toEqual([d.name, c.header, true]);
      });
    }
    const roadmap = doc("report").blocks.find(
      (b): b is TableBlock => b.kind === "table" && b.columns[1]?.header === "Мероприятий",
    )!;
    const widths = columnWidthsMm(doc("report").page, roadmap.columns);
    expect(widths[1]).toBeGreaterThan(longestPieceMm("Мероприятий", 10, true) + CELL_PADDING_MM - 0.01);
  });

  it("the report: «Исх. № ___ от ___» at the top left, the addressee in the dative at the top right", () => {
    setSetting(wb, "department_head", "Кузнецова Ирина Петровна");
    const report = buildDocuments(openDocumentSource(wb, clock), ["report"]).documents[0].model;
    const lines = report.blocks.slice(0, 4).map((b) => (b.kind === "paragraph" ? b : null));
    expect(lines.map((p) => nb(p!.runs.map((r) => r.text).join("")))).toEqual([
      "МБОУ «СОШ № 1»",
      "Исх. № _______ от ______________",
      "Начальнику Управления образования города Каменска-Уральского",
      "И.П. Кузнецовой",
    ]);
    expect(lines[1]!.indentLeftMm ?? 0).toBe(0);
    expect(lines[2]!.indentLeftMm).toBeGreaterThanOrEqual(90);
    expect(lines[3]!.indentLeftMm).toBeGreaterThanOrEqual(90);
    setSetting(wb, "department_head_position", "Заместитель начальника");
    const deputy = buildDocuments(openDocumentSource(wb, clock), ["report"]).documents[0].model;
    expect(nb(plainText(deputy))).toContain(
      "Заместителю начальника Управления образования города Каменска-Уральского",
    );
    setSetting(wb, "department_head_position", "Начальник");
  });

  it("the analytical note: «из 31 мероприятия», pairs that do not meet named by their people", () => {
    const f = analysisFigures(openDocumentSource(wb, clock));
    expect(f.roadmap.total.total).toBe(31);
    // Only the roadmap speaks (the lists keep ten lines).
    const quiet = {
      ...f,
      indicators: [],
      monitoring: { ...f.monitoring, indicators: [] },
      surveys: {
        наставляемый: { ...f.surveys.наставляемый, growth: [], expectations: [] },
        наставник: { ...f.surveys.наставник, growth: [], expectations: [] },
      },
    };
    const onTime = strengthsAndWeaknesses({
      ...quiet,
      roadmap: { ...f.roadmap, total: { ...f.roadmap.total, overdue: 0, done: 5 } },
    });
    // Whatever the roadmap's sentence says, its count agrees: «из 31 мероприятия».
    expect(officialDefects([...onTime.strengths, ...onTime.weaknesses].join("\n"))).toEqual([]);
    expect(officialDefects("выполнено 5 из 31 мероприятий")).toHaveLength(1);
    const stalled = strengthsAndWeaknesses({
      ...f,
      meetings: { ...f.meetings, stalled: [openDocumentSource(wb, clock).approvedPairs()[0]] },
    });
    const line = stalled.weaknesses.find((w) => w.includes("дольше установленного срока"))!;
    expect(nb(line)).toMatch(/^1 пара не встречалась дольше установленного срока \(\S+ \S+ – \S+ \S+\)\.$/);
    expect(line).not.toMatch(/П-\d{4}/);
  });
});

describe("documents whose data do not exist yet are refused in Russian", () => {
  it("no approved pairs: no order, no programs, no report; no monitoring: no analytical note", () => {
    const wb = new MemoryWorkbook();
    initWorkbook({ workbook: wb, clock, progress: noProgress });
    const set = buildDocuments(openDocumentSource(wb, clock), DOCUMENT_KINDS);
    expect(set.documents).toEqual([]);
    const message = describeGenerated(
      { folder: set.folder, stored: [], refused: set.refused },
      DOCUMENT_KINDS,
    );
    expect(message).toContain("Приказ о закреплении пар не сформирован: утверждённых пар ещё нет.");
    expect(message).toContain("Утверждённых пар нет: программы не созданы.");
    expect(message).toContain("Аналитическая справка не сформирована: данных мониторинга ещё нет");
    expect(message).toContain(
      "Отчёт о реализации программы не сформирован: в программе ещё нет утверждённых наставнических пар.",
    );
    expect(message).not.toMatch(/0 пар/);
  });
});
