/**
 * The «Наставничество» menu: «Панель куратора» first, then one submenu per part of the year's
 * cycle (книга и настройки; анкеты; пары; дорожная карта; мониторинг и сводка; документы и письма;
 * персональные данные). Each item names the entry function it calls (exported by src/gas/features).
 */
export const MENU_TITLE = "Наставничество";

export interface MenuItem {
  caption: string;
  fn: string;
}

export type MenuEntry = MenuItem | "separator" | { submenu: string; items: (MenuItem | "separator")[] };

export const menuTree: ReadonlyArray<MenuEntry> = [
  { caption: "Панель куратора", fn: "menuCuratorPanel" },
  "separator",
  {
    submenu: "Книга и настройки",
    items: [{ caption: "Инициализировать / восстановить книгу", fn: "menuInitWorkbook" }],
  },
  {
    submenu: "Анкеты",
    items: [
      { caption: "Создать / обновить анкеты", fn: "menuPublishForms" },
      { caption: "Переобработать ответы", fn: "menuReplayResponses" },
    ],
  },
  {
    submenu: "Пары",
    items: [
      { caption: "Подобрать пары", fn: "menuMatchPairs" },
      { caption: "Проверить пары…", fn: "menuReviewPairs" },
      { caption: "Утвердить пары", fn: "menuApprovePairs" },
      "separator",
      { caption: "Полный переподбор (пары «не менять» сохранятся)", fn: "menuRematchAll" },
      { caption: "Досрочно прекратить наставничество…", fn: "menuEndPair" },
    ],
  },
  {
    submenu: "Дорожная карта",
    items: [
      { caption: "Загрузить шаблон…", fn: "menuRoadmapLoadTemplate" },
      { caption: "Импорт вставленной таблицы", fn: "menuRoadmapImport" },
      { caption: "Обновить сроки и статусы", fn: "menuRoadmapRefresh" },
      "separator",
      { caption: "Отправить напоминания сейчас", fn: "menuRoadmapRemindNow" },
      { caption: "Включить ежедневные напоминания", fn: "menuRoadmapInstallTrigger" },
      { caption: "Выключить ежедневные напоминания", fn: "menuRoadmapRemoveTrigger" },
    ],
  },
  {
    submenu: "Мониторинг и сводка",
    items: [
      { caption: "Пересчитать мониторинг", fn: "menuRecomputeMonitoring" },
      { caption: "Оценка куратора…", fn: "menuRubricReview" },
      { caption: "Обновить сводку", fn: "menuRefreshSummary" },
      "separator",
      { caption: "Завершить цикл", fn: "menuCloseCycle" },
    ],
  },
  {
    submenu: "Документы и письма",
    items: [
      { caption: "Приказ о закреплении пар", fn: "menuDocOrder" },
      { caption: "Персонализированные программы", fn: "menuDocPrograms" },
      { caption: "Аналитическая справка", fn: "menuDocAnalysis" },
      { caption: "Отчёт о реализации программы", fn: "menuDocReport" },
      { caption: "Согласия и доп. соглашения наставников", fn: "menuDocLabour" },
      { caption: "Список на доплату за наставничество…", fn: "menuDocPayList" },
      { caption: "Благодарственные письма и справки", fn: "menuDocRecognition" },
      "separator",
      { caption: "Отправить отчёт в орган управления образованием", fn: "menuSendReportDepartment" },
      { caption: "Отчётный пакет для отдела образования (только числа)", fn: "menuDistrictPackage" },
      { caption: "Отправить отчёт директору", fn: "menuSendReportDirector" },
      { caption: "Отправить отчёт куратору", fn: "menuSendReportCurator" },
      "separator",
      { caption: "Ежемесячный отчёт директору: включить", fn: "menuInstallMonthlyReport" },
      { caption: "Ежемесячный отчёт директору: выключить", fn: "menuRemoveMonthlyReport" },
    ],
  },
  {
    submenu: "Персональные данные",
    items: [
      { caption: "Отозвать согласие…", fn: "menuEraseConsent" },
      { caption: "Защитить персональные данные", fn: "menuProtectPersonalData" },
      { caption: "Проверить доступ", fn: "menuCheckAccess" },
    ],
  },
];

/** Every item of the menu, submenus included, in the order the menu shows them. */
export const menuItems: ReadonlyArray<MenuItem> = menuTree.flatMap((e) =>
  e === "separator" ? [] : "submenu" in e ? e.items.filter((i): i is MenuItem => i !== "separator") : [e],
);
