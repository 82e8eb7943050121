/** The «Наставничество» menu: caption → the entry function it calls (exported by src/gas/features). */
export const MENU_TITLE = "Наставничество";

export const menuItems: ReadonlyArray<{ caption: string; fn: string } | "separator"> = [
  { caption: "Инициализировать / восстановить книгу", fn: "menuInitWorkbook" },
  "separator",
  { caption: "Создать / обновить анкеты", fn: "menuPublishForms" },
  { caption: "Переобработать ответы", fn: "menuReplayResponses" },
  "separator",
  { caption: "Подобрать пары", fn: "menuMatchPairs" },
  { caption: "Проверить пары…", fn: "menuReviewPairs" },
  { caption: "Утвердить пары", fn: "menuApprovePairs" },
  { caption: "Полный переподбор (кроме закреплённых)", fn: "menuRematchAll" },
  { caption: "Пересчитать мониторинг", fn: "menuRecomputeMonitoring" },
  { caption: "Завершить цикл", fn: "menuCloseCycle" },
  "separator",
  { caption: "Дорожная карта: загрузить шаблон…", fn: "menuRoadmapLoadTemplate" },
  { caption: "Дорожная карта: импорт вставленной таблицы", fn: "menuRoadmapImport" },
  { caption: "Дорожная карта: обновить сроки и статусы", fn: "menuRoadmapRefresh" },
  { caption: "Дорожная карта: отправить напоминания сейчас", fn: "menuRoadmapRemindNow" },
  { caption: "Дорожная карта: включить ежедневные напоминания", fn: "menuRoadmapInstallTrigger" },
  { caption: "Дорожная карта: выключить ежедневные напоминания", fn: "menuRoadmapRemoveTrigger" },
];
