import { noProgress } from "../../../src/core/ports";
import { workbookTemplate } from "../../../src/core/templates/load";
import { initWorkbook } from "../../../src/core/usecases/init";
import { MemoryWorkbook } from "../../support/memory-workbook";

const clock = { now: () => new Date(Date.UTC(2026, 10, 22, 10, 0)) };
const init = (wb: MemoryWorkbook) => initWorkbook({ workbook: wb, clock, progress: noProgress });

function headerOf(sheet: string) {
  return workbookTemplate().sheets.find((s) => s.name === sheet)!;
}

describe("workbook template", () => {
  it("has every sheet the domain needs, with unique keys and headers", () => {
    const names = workbookTemplate().sheets.map((s) => s.name);
    // «Сводка» first: the director's tab, where the workbook opens.
    expect(names).toEqual([
      "Сводка",
      "Настройки",
      "Справочники",
      "Наставники",
      "Наставляемые",
      "Пары",
      "Встречи",
      "Предпочтения",
      "Отчёты наставников",
      "Работа пар",
      "Дорожная карта",
      "Анкеты мониторинга",
      "Мониторинг",
      "Динамика участников",
      "Доплата за наставничество",
      "Рейтинг наставников",
      "Лучшие практики",
      "Показатели",
      "Контингент",
      "Анкеты",
      "Журнал",
      "Отзывы согласия",
    ]);
  });

  it("carries the five criteria of the mentor bank (seed 002) and the consents", () => {
    const headers = headerOf("Наставники").columns.map((c) => c.header);
    for (const h of [
      "Жизненный опыт",
      "Сфера интересов",
      "Профессиональные компетенции",
      "Возрастная категория наставляемых",
      "Ресурс времени",
      "Согласие на обработку ПДн (дата)",
      "Согласие законного представителя (дата)",
      "Собеседование (дата)",
      "Обучение пройдено (дата)",
    ])
      expect(headers).toContain(h);
  });

  it("lists the five forms of mentoring of Р-145 and the teacher role models of seed 004", () => {
    const lists = headerOf("Справочники");
    expect(lists.columns.find((c) => c.key === "forms")!.items).toEqual([
      "ученик – ученик",
      "учитель – учитель",
      "студент – ученик",
      "работодатель – ученик",
      "работодатель – студент",
    ]);
    expect(lists.columns.find((c) => c.key === "role_models")!.items).toContain(
      "лидер педагогического сообщества – педагог, испытывающий проблемы",
    );
  });

  it("scores the rubric of seed 004 with nine indicators of 0–2", () => {
    const rubric = headerOf("Мониторинг").columns.filter((c) => /^i\d_/.test(c.key));
    expect(rubric).toHaveLength(9);
    for (const c of rubric) expect([c.min, c.max]).toEqual([0, 2]);
  });
});

describe("initWorkbook on an empty workbook", () => {
  it("creates every sheet with the hidden key row, the header row and the seeds", () => {
    const wb = new MemoryWorkbook();
    const report = init(wb);
    expect(report.created).toHaveLength(22);
    const mentors = wb.grid("Наставники");
    expect(mentors[0][0]).toBe("id");
    expect(mentors[1][0]).toBe("ID наставника");
    expect(mentors[1]).toContain("Профессиональные компетенции");
    const settings = wb.grid("Настройки");
    const yearRow = settings.find((r) => r.includes("school_year"))!;
    expect(yearRow).toContain("2026/2027");
    const startRow = settings.find((r) => r.includes("program_start"))!;
    expect(startRow.find((v) => v instanceof Date)).toEqual(new Date(Date.UTC(2026, 8, 1)));
    const lists = wb.grid("Справочники");
    expect(lists[2][0]).toBe("ученик – ученик");
    const indicators = wb.grid("Показатели");
    expect(indicators.length).toBe(2 + 30);
    expect(indicators[2]).toContain(
      "Доля детей и молодёжи в возрасте от 10 до 18 лет, вошедших в программы наставничества в роли наставляемого",
    );
    expect(wb.layouts.get("Наставники")!.frozenRows).toBe(2);
    expect(wb.layouts.get("Наставники")!.hiddenRows).toEqual([0]);
    expect(wb.layouts.get("Сводка")!.protectSheet).toBe(true);
  });

  it("points each choice column's dropdown at its «Справочники» list", () => {
    const wb = new MemoryWorkbook();
    init(wb);
    const layout = wb.layouts.get("Наставляемые")!;
    const formCol = wb.grid("Наставляемые")[0].indexOf("form");
    const v = layout.columns.find((c) => c.index === formCol)!.validation;
    const listsCol = wb.grid("Справочники")[0].indexOf("forms");
    expect(v).toEqual({ kind: "range", sheet: "Справочники", column: listsCol, firstRow: 2, strict: false });
  });

  it("is idempotent: a second run writes no cell and reports nothing", () => {
    const wb = new MemoryWorkbook();
    init(wb);
    const before = new Map([...wb.sheets].map(([k, v]) => [k, JSON.stringify(v)]));
    wb.resetCalls();
    const report = init(wb);
    expect(wb.calls.write ?? 0).toBe(0);
    expect(wb.calls.append ?? 0).toBe(0);
    expect(report.created).toEqual([]);
    expect(report.repaired).toEqual({});
    for (const [k, v] of wb.sheets) expect(JSON.stringify(v)).toBe(before.get(k));
  });
});

describe("initWorkbook repairs what a curator damaged, keeping every user cell", () => {
  function damagedWorkbook() {
    const wb = new MemoryWorkbook();
    init(wb);
    const g = wb.grid("Наставники");
    const col = (k: string) => g[0].indexOf(k);
    // Two participants typed in by hand.
    const rowA = new Array(g[0].length).fill("");
    rowA[col("email")] = "ivanova@school1.ru";
    rowA[col("full_name")] = "Иванова Анна Петровна";
    rowA[col("competencies")] = "Классное руководство";
    const rowB = new Array(g[0].length).fill("");
    rowB[col("email")] = "petrov@school1.ru";
    rowB[col("full_name")] = '=HYPERLINK("x")';
    rowB[col("capacity")] = 3;
    return { wb, grid: [...g, rowA, rowB], col };
  }

  it("keeps a reordered column order, the curator's own column and every value; restores a renamed header", () => {
    const { wb, grid, col } = damagedWorkbook();
    // Move «ФИО» to the front, insert an own column after it, retype the «E-mail» header.
    const move = (row: (string | number | boolean | Date)[], own: string) => {
      const r = [...row];
      const [fio] = r.splice(col("full_name"), 1);
      return [fio, own, ...r];
    };
    const damaged = grid.map((r, i) =>
      move(r, i === 0 ? "" : i === 1 ? "Мой столбец" : i === 2 ? "заметка A" : "заметка B"),
    );
    const emailAt = damaged[0].indexOf("email");
    damaged[1][emailAt] = "Почта";
    wb.put("Наставники", damaged);

    const report = init(wb);
    const after = wb.grid("Наставники");
    expect(after[0][0]).toBe("full_name");
    expect(after[1][0]).toBe("ФИО");
    expect(after[1][1]).toBe("Мой столбец");
    expect(after[0][1]).toBe("");
    expect(after[1][emailAt]).toBe("E-mail");
    expect(after[2][0]).toBe("Иванова Анна Петровна");
    expect(after[2][1]).toBe("заметка A");
    expect(after[2][emailAt]).toBe("ivanova@school1.ru");
    expect(after[3][0]).toBe('=HYPERLINK("x")');
    expect(after[3][1]).toBe("заметка B");
    expect(after[3][after[0].indexOf("capacity")]).toBe(3);
    expect(report.repaired.Наставники).toEqual(["Восстановлен заголовок «E-mail» (был «Почта»)"]);
  });

  it("brings back a deleted column at the right, and a deleted sheet", () => {
    const { wb, grid, col } = damagedWorkbook();
    const phone = col("phone");
    wb.put(
      "Наставники",
      grid.map((r) => r.filter((_, i) => i !== phone)),
    );
    wb.delete("Пары");
    const report = init(wb);
    const after = wb.grid("Наставники");
    expect(after[0][after[0].length - 1]).toBe("phone");
    expect(after[1][after[0].length - 1]).toBe("Телефон");
    expect(after[2][after[0].indexOf("email")]).toBe("ivanova@school1.ru");
    expect(report.created).toEqual(["Пары"]);
    expect(wb.grid("Пары")[0][0]).toBe("pair_id");
  });

  it("removes blank rows pushed above the header and finds the header below them", () => {
    const { wb, grid } = damagedWorkbook();
    const blank = new Array(grid[0].length).fill("");
    wb.put("Наставники", [blank, blank, blank, ...grid]);
    init(wb);
    expect(wb.grid("Наставники")).toEqual(grid);
  });

  it("rebuilds a lost key row from the header texts", () => {
    const { wb, grid } = damagedWorkbook();
    wb.put("Наставники", grid.slice(1));
    init(wb);
    expect(wb.grid("Наставники")).toEqual(grid);
  });

  it("renames back a template sheet the curator renamed, with its data", () => {
    const { wb, grid } = damagedWorkbook();
    wb.put("Наставники", grid);
    wb.renameSheet("Наставники", "Наставники 2026");
    const report = init(wb);
    expect(report.renamed).toEqual([{ from: "Наставники 2026", to: "Наставники" }]);
    expect(wb.grid("Наставники")).toEqual(grid);
    expect(wb.sheetNames()).not.toContain("Наставники 2026");
  });

  it("keeps a settings value the curator changed and adds a missing parameter", () => {
    const wb = new MemoryWorkbook();
    init(wb);
    const g = wb.grid("Настройки");
    const keyCol = g[0].indexOf("key");
    const valueCol = g[0].indexOf("value");
    const stall = g.findIndex((r) => r[keyCol] === "stall_days");
    g[stall][valueCol] = 21;
    const withoutMode = g.filter((r) => r[keyCol] !== "match_mode");
    wb.put("Настройки", withoutMode);
    const report = init(wb);
    const after = wb.grid("Настройки");
    expect(after.find((r) => r[keyCol] === "stall_days")![valueCol]).toBe(21);
    expect(after.find((r) => r[keyCol] === "match_mode")![valueCol]).toBe("максимум участников");
    expect(report.repaired.Настройки).toEqual(["Добавлены строки шаблона: 1"]);
  });

  it("does not refill a list the curator edited, and logs repairs in «Журнал»", () => {
    const wb = new MemoryWorkbook();
    init(wb);
    const g = wb.grid("Справочники");
    const subj = g[0].indexOf("subjects");
    g[2][subj] = "Астрономия";
    wb.put("Справочники", g);
    wb.delete("Встречи");
    init(wb);
    expect(wb.grid("Справочники")[2][subj]).toBe("Астрономия");
    const log = wb.grid("Журнал");
    expect(log.some((r) => r.includes("Созданы листы: Встречи"))).toBe(true);
  });
});
