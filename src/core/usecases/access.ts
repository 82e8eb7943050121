/**
 * Who may see and edit the personal data of the workbook (152-ФЗ).
 *
 * - «Защитить персональные данные»: every personal-data sheet (see privacy/sheets.ts) gets a real
 *   sheet protection (not a warning) whose editors are exactly the curators of «Настройки» →
 *   «Кураторы с правом редактирования», plus whoever runs the program (so its triggers can write);
 *   the owner always keeps access (Google Sheets does not let anyone remove them).
 * - «Проверить доступ»: a report of the spreadsheet's owner, editors and viewers and of each
 *   protection, with a warning for everything that lets a non-curator see or change personal data.
 *   Viewers of a spreadsheet see every sheet: participants and the director need no access at all
 *   (the director gets the summary by mail).
 */
import { type ClockPort, type LockPort, type WorkbookPort, withWorkbookLock } from "../ports";
import { PRIVACY_TAG, personalDataSheets } from "../privacy/sheets";
import { readSettings, type Settings } from "../settings";
import { sheetTemplate } from "../templates/load";
import { appendJournal } from "../workbook/journal";
import { Table } from "../workbook/table";

export interface ProtectionInfo {
  sheet: string;
  /** A whole-sheet protection (else a range of it, given in `range`). */
  whole: boolean;
  range: string;
  description: string;
  warningOnly: boolean;
  editors: string[];
  domainEdit: boolean;
  /**
   * The user who asks may not edit this protection, so Google does not let them read its editors
   * (Protection.getEditors throws): `editors` and `domainEdit` are then unknown, not empty.
   */
  editorsHidden?: boolean;
}

/**
 * An installable trigger of the program. It runs as the user who created it, and each user sees
 * only their own: the others are known from what the program recorded when it installed them.
 */
export interface TriggerInfo {
  /** What it does, in Russian («ответы анкет»). */
  label: string;
  /** Whose authority it runs with ("" when unknown). */
  owner: string;
  /** The menu item that installs it again from the current user («Создать / обновить анкеты»). */
  fix: string;
}

export interface AccessSnapshot {
  owner: string;
  editors: string[];
  /** Viewers and commenters who are not editors. */
  viewers: string[];
  /** Who runs the program now. */
  effectiveUser: string;
  protections: ProtectionInfo[];
  /** The program's triggers and their owners (absent where the runtime has no triggers). */
  triggers?: TriggerInfo[];
}

/** The sharing and protections of the workbook (Apps Script: Spreadsheet and Protection). */
export interface AccessPort {
  snapshot(): AccessSnapshot;
  /** Who runs the program now (cheap: no protection is read). */
  effectiveUser(): string;
  /**
   * Protects each whole sheet for real: only `editors` (and the owner) may edit it; replaces an
   * earlier protection of this program with the same description.
   */
  restrictSheets(sheets: string[], editors: string[], description: string): void;
}

export interface AccessPorts {
  workbook: WorkbookPort;
  access: AccessPort;
  clock: ClockPort;
  lock?: LockPort;
  user?: string;
}

export interface AccessAudit {
  lines: string[];
  warnings: string[];
}

const norm = (e: string) => e.trim().toLowerCase();

function curatorsOf(settings: Settings): string[] {
  return settings.curatorEditors.map(norm);
}

/** «Защитить персональные данные»: real protections of the personal-data sheets. */
export function protectPersonalData(ports: AccessPorts): {
  sheets: string[];
  editors: string[];
  warnings: string[];
} {
  const run = () => {
    const wb = ports.workbook;
    const settings = readSettings(wb);
    const curators = curatorsOf(settings);
    const param = String(
      (sheetTemplate("settings").rows ?? []).find((r) => r.key === "curator_editors")?.param ??
        "curator_editors",
    );
    if (curators.length === 0)
      throw new Error(
        `На листе «${sheetTemplate("settings").name}» не указаны кураторы: заполните параметр «${param}» и повторите.`,
      );
    const warnings: string[] = [];
    const me = norm(ports.access.effectiveUser());
    const editors = [...curators];
    if (me !== "" && !editors.includes(me)) {
      editors.push(me);
      warnings.push(
        `Вы (${me}) не указаны среди кураторов, но оставлены редактором защищённых листов: от вашего имени работают обработчики анкет и напоминаний.`,
      );
    }
    const sheets = personalDataSheets(wb);
    ports.access.restrictSheets(sheets, editors, `${PRIVACY_TAG} только кураторы`);
    appendJournal(
      wb,
      [
        {
          at: ports.clock.now(),
          level: "информация",
          operation: "Защита персональных данных",
          message: `Листы ${sheets.map((s) => `«${s}»`).join(", ")} защищены: изменять могут только ${editors.join(", ")} и владелец таблицы.`,
          user: ports.user,
        },
      ],
      Table.load(wb, "log").columns,
    );
    return { sheets, editors, warnings };
  };
  return withWorkbookLock(ports, run);
}

/** «Проверить доступ»: who can see and edit what, with warnings. Reads only. */
export function auditAccess(wb: WorkbookPort, snapshot: AccessSnapshot): AccessAudit {
  const settings = readSettings(wb);
  const curators = curatorsOf(settings);
  const owner = norm(snapshot.owner);
  const director = norm(settings.directorEmail);
  const lines: string[] = [];
  const warnings: string[] = [];
  const role = (e: string) => {
    const x = norm(e);
    const tags: string[] = [];
    if (x === owner) tags.push("владелец");
    if (curators.includes(x)) tags.push("куратор");
    if (x !== "" && x === director) tags.push("директор");
    return tags.length ? `${e} (${tags.join(", ")})` : e;
  };
  const editors = snapshot.editors.filter((e) => norm(e) !== owner);
  lines.push(`Владелец таблицы: ${snapshot.owner || "неизвестен"}.`);
  lines.push(`Редакторы таблицы: ${editors.length ? editors.map(role).join(", ") : "нет"}.`);
  lines.push(
    `Читатели и комментаторы (видят все листы): ${snapshot.viewers.length ? snapshot.viewers.map(role).join(", ") : "нет"}.`,
  );
  lines.push(`Кураторы в «Настройках»: ${curators.length ? curators.join(", ") : "не указаны"}.`);

  if (curators.length === 0)
    warnings.push(
      "В «Настройках» не указаны кураторы с правом редактирования: защиту персональных данных не к кому привязать.",
    );
  for (const e of editors)
    if (!curators.includes(norm(e)))
      warnings.push(
        `${e} — редактор таблицы, но не куратор: видит все персональные данные. Уберите доступ или добавьте адрес в кураторы.`,
      );
  for (const e of snapshot.viewers)
    warnings.push(
      norm(e) === director
        ? `${e} — директор и читатель таблицы: видит все листы с персональными данными. Директору достаточно ежемесячной сводки по почте; уберите доступ к таблице.`
        : `${e} — читатель таблицы: видит все листы с персональными данными. Участникам доступ к таблице не нужен; уберите его.`,
    );
  if (director !== "" && editors.some((e) => norm(e) === director) && !curators.includes(director))
    warnings.push(
      `Директор (${director}) — редактор таблицы: ему достаточно сводки; уберите доступ к таблице.`,
    );
  for (const c of curators)
    if (c !== owner && !snapshot.editors.some((e) => norm(e) === c))
      warnings.push(
        `Куратор ${c} не имеет доступа к таблице: откройте ему доступ редактора (Настройки доступа).`,
      );

  const sensitive = personalDataSheets(wb);
  for (const sheet of sensitive) {
    const own = snapshot.protections.filter((p) => p.sheet === sheet && p.whole);
    const real = own.filter((p) => !p.warningOnly);
    if (real.length === 0) {
      warnings.push(
        own.length
          ? `Лист «${sheet}» защищён только предупреждением: его может изменить любой редактор таблицы. Выполните «Защитить персональные данные».`
          : `Лист «${sheet}» не защищён. Выполните «Защитить персональные данные».`,
      );
      lines.push(`«${sheet}»: изменять может любой редактор таблицы.`);
      continue;
    }
    if (real.every((p) => p.editorsHidden)) {
      const me = norm(snapshot.effectiveUser);
      lines.push(
        `«${sheet}»: защищён; кто может его изменять, видят только редакторы этой защиты и владелец таблицы${me ? ` (вы, ${me}, не в их числе)` : ""}.`,
      );
      if (me !== "" && curators.includes(me))
        warnings.push(
          `Вы (${me}) указаны куратором, но не можете изменять лист «${sheet}»: попросите владельца таблицы выполнить «Защитить персональные данные».`,
        );
      continue;
    }
    const allowed = [...new Set(real.flatMap((p) => p.editors.map(norm)))];
    lines.push(`«${sheet}»: изменять могут ${allowed.map(role).join(", ")}.`);
    const extra = allowed.filter((e) => e !== owner && !curators.includes(e));
    if (extra.length)
      warnings.push(`Лист «${sheet}» могут изменять не только кураторы: ${extra.join(", ")}.`);
    if (real.some((p) => p.domainEdit))
      warnings.push(
        `Лист «${sheet}» может изменять любой пользователь домена: снимите этот флажок в защите.`,
      );
  }
  auditTriggers(snapshot, curators, role, lines, warnings);
  const others = snapshot.protections.filter((p) => !sensitive.includes(p.sheet) && !p.warningOnly);
  for (const p of others)
    lines.push(
      `«${p.sheet}»${p.whole ? "" : ` (${p.range})`}: ${p.editorsHidden ? "защищён; список редакторов виден только им и владельцу таблицы" : `изменять могут ${p.editors.length ? p.editors.map(role).join(", ") : "только владелец"}`}.`,
    );
  return { lines, warnings };
}

/**
 * Who each trigger runs as. A trigger whose owner lost access to the workbook stops writing to it;
 * one whose owner is not among the curators cannot write to the protected personal-data sheets.
 */
function auditTriggers(
  snapshot: AccessSnapshot,
  curators: string[],
  role: (e: string) => string,
  lines: string[],
  warnings: string[],
): void {
  if (!snapshot.triggers) return;
  const triggers = snapshot.triggers;
  lines.push(
    triggers.length
      ? `Обработчики (каждый работает от имени того, кто его установил): ${triggers
          .map((t) => `«${t.label}» — ${t.owner ? role(t.owner) : "владелец неизвестен"}`)
          .join("; ")}.`
      : "Обработчиков (триггеров) программы не найдено.",
  );
  const owner = norm(snapshot.owner);
  const access = new Set([owner, ...snapshot.editors.map(norm)]);
  for (const t of triggers) {
    const who = norm(t.owner);
    if (who === "") continue;
    const fix = t.fix ? ` Выполните ${t.fix} от имени действующего куратора.` : "";
    if (!access.has(who))
      warnings.push(
        `Обработчик «${t.label}» работает от имени ${t.owner}, у которого нет доступа к таблице: он не сможет в неё записывать.${fix}`,
      );
    else if (curators.length > 0 && who !== owner && !curators.includes(who))
      warnings.push(
        `Обработчик «${t.label}» работает от имени ${t.owner}, который не указан среди кураторов: после «Защитить персональные данные» он не сможет записывать в защищённые листы.${fix}`,
      );
  }
}

export function describeAccess(a: AccessAudit): string {
  const head = a.warnings.length
    ? `Найдено замечаний: ${a.warnings.length}.`
    : "Доступ в порядке: персональные данные могут изменять только кураторы.";
  return [
    head,
    "",
    ...a.lines,
    ...(a.warnings.length ? ["", "Замечания:", ...a.warnings.map((w) => `• ${w}`)] : []),
  ].join("\n");
}
