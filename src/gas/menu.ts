/** The «Наставничество» menu: caption → the entry function it calls (exported by src/gas/features). */
export const MENU_TITLE = "Наставничество";

export const menuItems: ReadonlyArray<{ caption: string; fn: string } | "separator"> = [
  { caption: "Инициализировать / восстановить книгу", fn: "menuInitWorkbook" },
  "separator",
  { caption: "Создать / обновить анкеты", fn: "menuPublishForms" },
  { caption: "Переобработать ответы", fn: "menuReplayResponses" },
];
