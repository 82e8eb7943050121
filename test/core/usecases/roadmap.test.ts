import { cellDate, cellNumber } from "../../../src/core/cells";
import { utcDate } from "../../../src/core/dates";
import { type Cell, noProgress, RULE_MARKER } from "../../../src/core/ports";
import { roadmapFormatRules } from "../../../src/core/roadmap/format";
import { completionByStage, roadmapCompletion } from "../../../src/core/roadmap/status";
import {
  findRoadmapTemplate,
  loadRoadmapTemplates,
  roadmapTemplate,
} from "../../../src/core/roadmap/templates";
import { shiftDeadlineYears, templateBaseYear } from "../../../src/core/roadmap/years";
import { parseEmails, parseSettings, readSettings } from "../../../src/core/settings";
import { initWorkbook } from "../../../src/core/usecases/init";
import {
  importRoadmapPasteSheet,
  importRoadmapText,
  loadRoadmapTemplate,
  PASTE_SHEET,
  refreshRoadmap,
} from "../../../src/core/usecases/roadmap";
import { columnLetter } from "../../../src/core/workbook/a1";
import { Table } from "../../../src/core/workbook/table";
import { MemoryWorkbook } from "../../support/memory-workbook";
import { seedSlice } from "../../support/seeds";

const ROADMAP = "Дорожная карта";

function clockAt(y: number, m: number, d: number) {
  return { now: () => new Date(Date.UTC(y, m - 1, d, 9, 30)) };
}

/** An initialised workbook for the school year 2026/2027, with settings changed as given. */
function school(settings: Record<string, Cell> = {}): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  initWorkbook({ workbook: wb, clock: clockAt(2026, 9, 1), progress: noProgress });
  const t = Table.load(wb, "settings");
  for (const [k, v] of Object.entries(settings)) t.set(t.find("key", k), "value", v);
  t.flush(wb);
  wb.resetCalls();
  return wb;
}

function addRows(wb: MemoryWorkbook, rows: Record<string, Cell>[]) {
  const t = Table.load(wb, "roadmap");
  for (const r of rows) t.add(r);
  t.flush(wb);
  wb.resetCalls();
}

function records(wb: MemoryWorkbook) {
  return Table.load(wb, "roadmap")
    .records()
    .map((r) => r.values);
}

function journal(wb: MemoryWorkbook) {
  return Table.load(wb, "log")
    .records()
    .map((r) => r.values);
}

describe("settings", () => {
  test("typed values from an initialised workbook", () => {
    const wb = school({ curator_email: "Curator@School.RU ", reminder_days: "5 дней" });
    const s = readSettings(wb);
    expect(s.schoolYear).toBe(2026);
    expect(s.schoolYearLabel).toBe("2026/2027");
    expect(s.programStart).toEqual(utcDate(2026, 9, 1));
    expect(s.programEnd).toEqual(utcDate(2027, 5, 31));
    expect(s.curatorEmail).toBe("curator@school.ru");
    expect(s.reminderDays).toBe(5);
    expect(s.timeZone).toBe("Europe/Moscow");
    expect(s.weights.competencies).toBe(30);
    expect(s.requireTraining).toBe(false);
    expect(s.warnings).toEqual([]);
    expect(wb.calls.read).toBe(1);
  });

  test("robust parsing: dates as text, numbers as text, bad values fall back with a warning", () => {
    const s = parseSettings({
      school_year: "2025-26",
      program_start: "15.10.2025",
      program_end: 46173, // a serial date: 31.05.2026
      reminder_days: "неделя",
      require_training: "Да",
      time_zone: "Asia/Yekaterinburg",
      director_email: "директор",
    });
    expect(s.schoolYear).toBe(2025);
    expect(s.programStart).toEqual(utcDate(2025, 10, 15));
    expect(s.programEnd).toEqual(utcDate(2026, 5, 31));
    expect(s.reminderDays).toBe(7);
    expect(s.requireTraining).toBe(true);
    expect(s.timeZone).toBe("Asia/Yekaterinburg");
    expect(s.directorEmail).toBe("");
    expect(s.warnings).toHaveLength(2);
    expect(s.warnings.join(" ")).toMatch(/Напоминать о сроках/);
    expect(parseSettings({}, { today: utcDate(2027, 2, 1) }).schoolYear).toBe(2026);
    expect(cellNumber("7,5")).toBe(7.5);
    expect(cellNumber("1.09.2026")).toBeNull();
    expect(cellDate("01.09.2026 г.")).toEqual(utcDate(2026, 9, 1));
    expect(parseEmails("Иванова <A@b.ru>; c@d.ru, нет").emails).toEqual(["a@b.ru", "c@d.ru"]);
  });
});

describe("loading roadmap templates", () => {
  test.each(loadRoadmapTemplates().map((t) => [t.id]))("%s loads into an initialised workbook", (id) => {
    const wb = school();
    const template = roadmapTemplate(id);
    const report = loadRoadmapTemplate({ workbook: wb, clock: clockAt(2026, 9, 1) }, id);
    expect(report.added).toBe(template.events.length);
    expect(report.skipped).toBe(0);
    // one read of settings and of the roadmap, one append, one read + append of the journal
    expect(wb.calls.read).toBe(3);
    expect(wb.calls.write ?? 0).toBe(1);
    expect(wb.calls.append).toBe(1);
    const rows = records(wb);
    expect(rows).toHaveLength(template.events.length);
    expect(rows.map((r) => r.event_id)).toEqual(template.events.map((_, i) => String(i + 1)));
    expect(rows.map((r) => r.event)).toEqual(template.events.map((e) => e.wording));
    for (const r of rows) {
      expect(r.deadline_parse).not.toBe("");
      expect(["запланировано", "в работе", "просрочено"]).toContain(r.status);
    }
    // every deadline is dated or flagged; nothing is overdue on the first day of the school year
    expect(rows.filter((r) => r.status === "просрочено").map((r) => r.deadline_text)).toEqual([]);
    expect(wb.layouts.get(ROADMAP)?.conditionalRules).toHaveLength(4);
    expect(journal(wb).at(-1)).toMatchObject({ operation: "Дорожная карта", level: "информация" });

    wb.resetCalls();
    const again = loadRoadmapTemplate({ workbook: wb, clock: clockAt(2026, 9, 1) }, id);
    expect(again).toMatchObject({ added: 0, skipped: template.events.length });
    expect(records(wb)).toHaveLength(template.events.length);
    expect(wb.calls.write ?? 0).toBe(0);
  });

  test("years are moved to the school year of «Настройки», the original kept in the comment", () => {
    const wb = school();
    const r = loadRoadmapTemplate({ workbook: wb, clock: clockAt(2026, 9, 10) }, "school-general");
    expect(r.notes.join(" ")).toContain("2026/2027");
    const row = records(wb).find((x) => x.deadline_text === "До 01.09.2026");
    expect(row).toBeDefined();
    expect(row?.comment).toBe("Срок в образце: До 01.09.2023");
    expect(row?.end).toEqual(utcDate(2026, 9, 1));
    const june = records(wb).find((x) => x.deadline_text === "Июнь 2027");
    expect(june?.start).toEqual(utcDate(2027, 6, 1));
    expect(june?.end).toEqual(utcDate(2027, 6, 30));
    // a calendar-year template goes to the calendar year of the school year's second half
    const wb2 = school();
    loadRoadmapTemplate({ workbook: wb2, clock: clockAt(2026, 9, 10) }, "teacher-system");
    const texts = records(wb2).map((x) => x.deadline_text);
    expect(texts).toContain("Январь 2027г.");
    expect(texts).toContain("В течение 2027 года");
    const year = records(wb2).find((x) => x.deadline_text === "В течение 2027 года");
    expect([year?.start, year?.end]).toEqual([utcDate(2027, 1, 1), utcDate(2027, 12, 31)]);
  });

  test("year shifting helpers", () => {
    expect(templateBaseYear(roadmapTemplate("school-general"))).toBe(2023);
    expect(templateBaseYear(roadmapTemplate("teacher-teacher-additional-education"))).toBe(2021);
    expect(templateBaseYear(roadmapTemplate("teacher-system"))).toBe(2023);
    expect(templateBaseYear(roadmapTemplate("school-general-plan"))).toBeNull();
    expect(shiftDeadlineYears("1.01.22-31.12.22", 5)).toBe("1.01.27-31.12.27");
    expect(shiftDeadlineYears("С 1.11 – 31.12. 2021", 5)).toBe("С 1.11 – 31.12. 2026");
    expect(shiftDeadlineYears("29.02.2024", 1)).toBe("28.02.2025");
    expect(shiftDeadlineYears("до 15 октября", 3)).toBe("до 15 октября");
  });

  test("every template together: no event twice, an empty choice only refreshes", () => {
    const wb = school();
    const ports = { workbook: wb, clock: clockAt(2026, 9, 10) };
    let total = 0;
    for (const t of loadRoadmapTemplates()) total += loadRoadmapTemplate(ports, t.id).added;
    const rows = records(wb);
    expect(rows).toHaveLength(total);
    // seed 002 lists one wording twice (with two results): both are kept, nothing else repeats
    expect(new Set(rows.map((r) => `${r.stage}|${r.event}`)).size).toBe(total - 1);
    expect(new Set(rows.map((r) => r.event_id)).size).toBe(total);
    expect(loadRoadmapTemplate(ports, null)).toMatchObject({ added: 0, template: "" });
    expect(findRoadmapTemplate("2")?.id).toBe("school-general-plan");
    expect(findRoadmapTemplate("teacher-system")?.id).toBe("teacher-system");
    expect(findRoadmapTemplate("нет такого")).toBeNull();
  });
});

describe("refreshRoadmap", () => {
  const rows: Record<string, Cell>[] = [
    { event: "Просроченное", deadline_text: "до 15 октября" },
    { event: "Скоро", deadline_text: "до 25.11.2026" },
    { event: "Зимой и весной", deadline_text: "Декабрь, май" },
    { event: "Сделано без даты", deadline_text: "до 01.10.2026", status: "выполнено" },
    { event: "Отменено", deadline_text: "до 01.10.2026", status: "отменено" },
    { event: "Непонятно", deadline_text: "как получится" },
    {
      event: "Вручную",
      deadline_text: "после каникул",
      start: utcDate(2026, 11, 10),
      end: utcDate(2026, 11, 20),
    },
    {
      event: "Минпросвещения",
      deadline_text: "в соответствии со сроками, устанавливаемыми Минпросвещения России",
    },
    { event: "Дата выполнения введена", deadline_text: "до 01.11.2026", done_date: utcDate(2026, 10, 30) },
    { event: "По программе", deadline_text: "По программе наставничества" },
    { event: "Рано начато", deadline_text: "май", status: "в работе" },
    { stage: "Строка без мероприятия" },
  ];

  test("dates, recognition and statuses on 22.11.2026, one read and one write", () => {
    const wb = school();
    addRows(wb, rows);
    const summary = refreshRoadmap({ workbook: wb, clock: clockAt(2026, 11, 22) });
    expect(wb.calls.read).toBe(2);
    expect(wb.calls.write).toBe(1);
    expect(wb.calls.applyLayout).toBe(1);
    const byEvent = new Map(records(wb).map((r) => [String(r.event), r]));
    const ev = (name: string) => byEvent.get(name)!;
    expect(ev("Просроченное")).toMatchObject({
      event_id: "1",
      status: "просрочено",
      deadline_parse: "срок распознан",
      end: utcDate(2026, 10, 15),
      next_due: utcDate(2026, 10, 15),
    });
    expect(ev("Скоро")).toMatchObject({ status: "в работе", next_due: utcDate(2026, 11, 25) });
    expect(ev("Зимой и весной")).toMatchObject({
      status: "запланировано",
      deadline_parse: "срок распознан, повторяется",
      start: utcDate(2026, 12, 1),
      end: utcDate(2027, 5, 31),
      next_due: utcDate(2026, 12, 31),
    });
    expect(ev("Сделано без даты")).toMatchObject({
      status: "выполнено",
      done_date: utcDate(2026, 11, 22),
      next_due: "",
    });
    expect(ev("Отменено")).toMatchObject({ status: "отменено", done_date: "" });
    expect(ev("Непонятно")).toMatchObject({
      status: "запланировано",
      deadline_parse: "срок не распознан",
      start: "",
      end: "",
    });
    expect(ev("Вручную")).toMatchObject({
      status: "просрочено",
      deadline_parse: "даты введены вручную",
      start: utcDate(2026, 11, 10),
      end: utcDate(2026, 11, 20),
    });
    expect(ev("Минпросвещения")).toMatchObject({
      deadline_parse: "срок задаёт Минпросвещения",
      status: "запланировано",
    });
    expect(ev("Дата выполнения введена")).toMatchObject({
      status: "выполнено",
      done_date: utcDate(2026, 10, 30),
    });
    expect(ev("По программе")).toMatchObject({
      deadline_parse: "по программе наставничества",
      start: utcDate(2026, 9, 1),
      end: utcDate(2027, 5, 31),
      status: "в работе",
    });
    expect(ev("Рано начато")).toMatchObject({ status: "в работе", start: utcDate(2027, 5, 1) });
    expect(records(wb).find((r) => r.stage === "Строка без мероприятия")).toMatchObject({
      event_id: "",
      status: "",
    });
    expect(summary.events).toBe(11);
    expect(summary.byStatus).toEqual({
      запланировано: 3,
      "в работе": 3,
      выполнено: 2,
      просрочено: 2,
      отменено: 1,
    });
    expect(summary.unrecognized).toEqual(["как получится"]);
  });

  test("a second refresh the same day writes nothing; the next refresh follows the calendar", () => {
    const wb = school();
    addRows(wb, rows);
    refreshRoadmap({ workbook: wb, clock: clockAt(2026, 11, 22) });
    wb.resetCalls();
    refreshRoadmap({ workbook: wb, clock: clockAt(2026, 11, 22) }, { formatting: false });
    expect(wb.calls.write ?? 0).toBe(0);
    expect(wb.calls.applyLayout ?? 0).toBe(0);
    refreshRoadmap({ workbook: wb, clock: clockAt(2026, 11, 26) });
    const byEvent = new Map(records(wb).map((r) => [String(r.event), r]));
    const ev = (name: string) => byEvent.get(name)!;
    expect(ev("Скоро").status).toBe("просрочено");
    // the curator's dates survive: the row keeps «даты введены вручную»
    expect(ev("Вручную")).toMatchObject({
      start: utcDate(2026, 11, 10),
      deadline_parse: "даты введены вручную",
    });
  });

  test("a deadline that becomes unreadable drops the dates the program had computed", () => {
    const wb = school();
    addRows(wb, [{ event: "Меняется", deadline_text: "до 25.11.2026" }]);
    refreshRoadmap({ workbook: wb, clock: clockAt(2026, 11, 22) });
    const t = Table.load(wb, "roadmap");
    t.set(t.rowIndexes()[0], "deadline_text", "когда-нибудь");
    t.flush(wb);
    refreshRoadmap({ workbook: wb, clock: clockAt(2026, 11, 22) });
    expect(records(wb)[0]).toMatchObject({
      deadline_parse: "срок не распознан",
      start: "",
      end: "",
      next_due: "",
    });
  });
});

describe("conditional formatting of «Дорожная карта»", () => {
  test("rules use the columns of the key row and the reminder window", () => {
    const wb = school({ reminder_days: 10 });
    refreshRoadmap({ workbook: wb, clock: clockAt(2026, 11, 22) });
    const keys = wb.grid(ROADMAP)[0].map(String);
    const letter = (k: string) => columnLetter(keys.indexOf(k));
    expect([letter("status"), letter("end"), letter("next_due")]).toEqual(["L", "F", "G"]);
    const rules = wb.layouts.get(ROADMAP)?.conditionalRules ?? [];
    expect(rules.map((r) => r.formula)).toEqual([
      '=AND(N("Наставничество")=0,$L3="выполнено")',
      '=AND(N("Наставничество")=0,$L3="отменено")',
      '=AND(N("Наставничество")=0,$L3<>"выполнено",$L3<>"отменено",OR($L3="просрочено",AND(ISNUMBER($F3),$F3<TODAY())))',
      '=AND(N("Наставничество")=0,$L3<>"выполнено",$L3<>"отменено",$L3<>"просрочено",ISNUMBER($G3),$G3>=TODAY(),$G3<=TODAY()+10)',
    ]);
    expect(rules.map((r) => r.background)).toEqual(["#d9ead3", "#efefef", "#f4cccc", "#fff2cc"]);
    for (const r of rules) {
      expect(r.formula).toContain(RULE_MARKER);
      expect(r.formula).not.toContain(";");
    }
  });

  test("a curator's reordering moves the letters", () => {
    const rules = roadmapFormatRules({ status: 0, end: 27, next_due: 3 }, 7);
    expect(rules[2].formula).toContain("$A3");
    expect(rules[2].formula).toContain("ISNUMBER($AB3)");
    expect(rules[3].formula).toContain("$D3<=TODAY()+7");
    expect(columnLetter(0)).toBe("A");
    expect(columnLetter(25)).toBe("Z");
    expect(columnLetter(26)).toBe("AA");
    expect(columnLetter(701)).toBe("ZZ");
    expect(columnLetter(702)).toBe("AAA");
  });
});

describe("importing a pasted roadmap", () => {
  test("seed 001 pasted as text lands event by event, deadlines as written, not twice", () => {
    const wb = school();
    const ports = { workbook: wb, clock: clockAt(2026, 9, 10) };
    const pasted = seedSlice("001", "№ п/п", "Планируемые результаты");
    const report = importRoadmapText(ports, pasted, "файл 001.txt");
    const template = roadmapTemplate("school-general-plan");
    expect(report.added).toBe(template.events.length);
    const rows = records(wb);
    expect(rows.map((r) => r.event)).toEqual(template.events.map((e) => e.wording));
    expect(rows.map((r) => r.deadline_text)).toEqual(template.events.map((e) => e.deadline));
    expect(rows.map((r) => r.stage)).toEqual(template.events.map((e) => e.stage));
    expect(rows.map((r) => r.responsible)).toEqual(template.events.map((e) => e.responsible));
    expect(rows.find((r) => r.deadline_text === "До 01 ноября")).toMatchObject({
      end: utcDate(2026, 11, 1),
      status: "в работе",
    });
    expect(journal(wb).find((j) => j.operation === "Импорт дорожной карты")).toMatchObject({
      source: "файл 001.txt",
      message: `Добавлено мероприятий: ${template.events.length}, уже были в дорожной карте: 0.`,
    });
    const again = importRoadmapText(ports, pasted);
    expect(again).toMatchObject({ added: 0, skipped: template.events.length });
    // the template of the same seed adds nothing either: same stage and wording
    expect(loadRoadmapTemplate(ports, "school-general-plan").added).toBe(0);
  });

  test("the paste sheet: created when absent, imported, then cleared", () => {
    const wb = school();
    const ports = { workbook: wb, clock: clockAt(2026, 9, 10) };
    expect(importRoadmapPasteSheet(ports)).toEqual({ kind: "created" });
    expect(wb.sheetNames()).toContain(PASTE_SHEET);
    expect(importRoadmapPasteSheet(ports)).toEqual({ kind: "empty" });
    wb.put(PASTE_SHEET, [
      ["№", "Мероприятие", "Срок", "Ответственный", "Результат"],
      ["1", "Издать приказ о внедрении", "до 15.09.2026", "Директор", "Приказ"],
      ["2", "Провести встречу наставников", "Октябрь", "Куратор", ""],
      ["", "и наставляемых", "", "", ""],
      ["3", "Подвести итоги", utcDate(2027, 5, 25), "Куратор", "Аналитическая справка"],
    ]);
    const r = importRoadmapPasteSheet(ports);
    expect(r.kind).toBe("imported");
    if (r.kind !== "imported") return;
    expect(r.added).toBe(3);
    const rows = records(wb);
    expect(rows.map((x) => x.event)).toEqual([
      "Издать приказ о внедрении",
      "Провести встречу наставников и наставляемых",
      "Подвести итоги",
    ]);
    expect(rows.map((x) => x.deadline_text)).toEqual(["до 15.09.2026", "Октябрь", "25.05.2027"]);
    expect(rows[1]).toMatchObject({ start: utcDate(2026, 10, 1), end: utcDate(2026, 10, 31) });
    expect(wb.grid(PASTE_SHEET)).toEqual([]);
    expect(importRoadmapPasteSheet(ports)).toEqual({ kind: "empty" });
  });

  test("a paste with no event is left in place", () => {
    const wb = school();
    const ports = { workbook: wb, clock: clockAt(2026, 9, 10) };
    importRoadmapPasteSheet(ports);
    wb.put(PASTE_SHEET, [["1"], ["2"]]);
    const r = importRoadmapPasteSheet(ports);
    expect(r.kind).toBe("nothing");
    expect(wb.grid(PASTE_SHEET)).toEqual([["1"], ["2"]]);
  });
});

describe("completion by stage", () => {
  test("per stage, in order, with live statuses", () => {
    const wb = school();
    addRows(wb, [
      { stage: "1. Подготовка", event: "А", deadline_text: "до 01.10.2026", status: "выполнено" },
      { stage: "1. Подготовка", event: "Б", deadline_text: "до 01.10.2026" },
      { stage: "1. Подготовка", event: "В", deadline_text: "до 01.10.2026", status: "отменено" },
      { stage: "2. Работа пар", event: "Г", deadline_text: "май" },
      { stage: "2. Работа пар", event: "Д", deadline_text: "В течение года" },
      { event: "Е", deadline_text: "" },
    ]);
    const stages = roadmapCompletion(wb, new Date(Date.UTC(2026, 10, 22, 15)));
    expect(stages).toEqual([
      { stage: "1. Подготовка", total: 3, done: 1, overdue: 1, cancelled: 1, inProgress: 0, planned: 0 },
      { stage: "2. Работа пар", total: 2, done: 0, overdue: 0, cancelled: 0, inProgress: 1, planned: 1 },
      { stage: "", total: 1, done: 0, overdue: 0, cancelled: 0, inProgress: 0, planned: 1 },
    ]);
    // nothing written: statuses were evaluated in memory
    expect(wb.calls.write ?? 0).toBe(0);
    expect(completionByStage([])).toEqual([]);
  });
});
