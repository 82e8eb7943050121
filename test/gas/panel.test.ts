/**
 * «Панель куратора» and the menu in submenus through Apps Script (issue 17, item 1): the built
 * bundle against the fake.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { menuItems, menuTree } from "../../src/gas/menu";
import type { MenuEntry as Recorded } from "../gas-fake/state";
import { type LoadedBundle, loadBundle } from "../support/gas";

const panelHtml = readFileSync(resolve(__dirname, "../../dist/panel.html"), "utf8");

function bundle(): LoadedBundle {
  return loadBundle({ htmlFiles: { panel: panelHtml } });
}

type Panel = {
  ready: boolean;
  heading: string;
  start: { complete: boolean; items: { title: string; done: boolean }[] };
  steps: { key: string; title: string; state: string }[];
  next: { text: string; action: { key: string } | null };
};

describe("the menu follows the cycle", () => {
  it("«Панель куратора» first, then one submenu per part of the cycle, each item an entry function", () => {
    const fake = bundle();
    fake.call("onOpen");
    const menu = fake.state.menus[0];
    expect(menu.caption).toBe("Наставничество");
    const top = menu.items.map((i: Recorded) =>
      i.kind === "item" ? i.caption : i.kind === "submenu" ? `${i.caption} ▸` : "—",
    );
    expect(top).toEqual([
      "Панель куратора",
      "—",
      "Книга и настройки ▸",
      "Анкеты ▸",
      "Пары ▸",
      "Дорожная карта ▸",
      "Мониторинг и сводка ▸",
      "Документы и письма ▸",
      "Персональные данные ▸",
    ]);
    const pairs = menu.items.find((i: Recorded) => i.kind === "submenu" && i.caption === "Пары");
    expect(JSON.stringify(pairs)).toContain("menuReviewPairs");
    // No submenu is longer than a screen, and every item is reachable.
    for (const e of menuTree)
      if (typeof e === "object" && "submenu" in e) expect(e.items.length).toBeLessThanOrEqual(16);
    expect(new Set(menuItems.map((i) => i.fn)).size).toBe(menuItems.length);
    for (const item of menuItems) expect(typeof fake.context[item.fn]).toBe("function");
  });
});

describe("the panel", () => {
  it("opens by itself on a user's first open of the workbook, and not again", () => {
    const fake = bundle();
    fake.call("onOpen");
    expect(fake.state.dialogs.map((d) => [d.kind, d.title])).toEqual([["sidebar", "Панель куратора"]]);
    fake.call("onOpen");
    expect(fake.state.dialogs).toHaveLength(1);
    fake.call("menuCuratorPanel");
    expect(fake.state.dialogs).toHaveLength(2);
  });

  it("before init it offers to prepare the workbook; the button runs init and the panel is counted again", () => {
    const fake = bundle();
    const before = fake.call("sidebarPanel") as Panel;
    expect(before.ready).toBe(false);
    expect(before.next.action?.key).toBe("init");
    const after = fake.call("sidebarPanelRun", "init") as Panel;
    expect(fake.state.alerts).toEqual([]);
    expect(after.ready).toBe(true);
    expect(after.start.complete).toBe(false);
    expect(after.start.items.find((i) => i.title === "Школа")?.done).toBe(false);
    expect(after.steps.map((s) => s.title)).toEqual([
      "Анкеты",
      "Базы участников",
      "Подбор пар",
      "Проверка пар",
      "Утверждение пар",
      "Приказ о закреплении",
      "Персональные программы",
      "Встречи",
      "Мониторинг",
      "Итоги года",
    ]);
    expect(after.next.action?.key).toBe("open:settings");
  });

  it("«Открыть «Настройки»» activates the sheet; an unknown action is refused in Russian", () => {
    const fake = bundle();
    fake.call("menuInitWorkbook");
    fake.spreadsheet.setActiveSheet("Журнал");
    expect(fake.spreadsheet.activeSheetName).toBe("Журнал");
    fake.call("sidebarPanelRun", "open:settings");
    expect(fake.spreadsheet.activeSheetName).toBe("Настройки");
    expect(() => fake.call("sidebarPanelRun", "drop")).toThrow("Неизвестное действие панели: drop");
    expect(() => fake.call("sidebarPanelRun", "toString")).toThrow("Неизвестное действие панели");
  });
});
