/**
 * The permissions (OAuth scopes) the program asks for, in Russian, and the check at the start of
 * each menu action and trigger. Google's consent screen lets a user untick any of them («Handle
 * granular OAuth permissions», developers.google.com/apps-script/concepts/scopes): a call needing
 * an unticked scope then fails. So each menu action first asks ScriptApp whether the scopes it
 * needs are granted (getAuthorizationInfo(FULL, scopes)); when one is missing it says in Russian
 * which boxes to tick and why, then calls ScriptApp.requireScopes(FULL, scopes), which «ends the
 * current execution and renders an authorization prompt to request the missing consents». A
 * trigger has nobody to prompt (requireScopes would throw there): it skips its work and reports
 * the missing permission to «Журнал» and, when it may, to the curator's mail.
 *
 * The scopes are the manifest's (scripts/oauth-scopes.json; test/build/scopes.test.ts holds this
 * list equal to it). The wording of Google's consent lines is Google's and depends on the account's
 * language: the texts here are close to the Russian ones, not copies.
 */
import { MENU_TITLE } from "./menu";

const SCOPE = "https://www.googleapis.com/auth/";

/** The manifest's scopes, put in by scripts/build.mjs (absent when the source runs unbundled). */
declare const __OAUTH_SCOPES__: string[] | undefined;
const MANIFEST: readonly string[] | null = typeof __OAUTH_SCOPES__ === "undefined" ? null : __OAUTH_SCOPES__;

export type Permission =
  | "sheets"
  | "ui"
  | "forms"
  | "formsApi"
  | "fetch"
  | "documents"
  | "mail"
  | "triggers"
  | "email";

export interface PermissionInfo {
  scope: string;
  /** Roughly what Google's consent screen says. */
  google: string;
  /** What the program needs it for. */
  why: string;
}

/**
 * Each permission with the manifest's scope for it: the workbook's is «spreadsheets.currentonly»,
 * or «spreadsheets» (which includes it) when the manifest asks for that one.
 */
export function permissionsOf(manifest: readonly string[] | null): Record<Permission, PermissionInfo> {
  const allSheets = manifest?.includes(`${SCOPE}spreadsheets`) ?? false;
  return {
    sheets: allSheets
      ? {
          scope: `${SCOPE}spreadsheets`,
          google: "Просмотр, изменение, создание и удаление всех ваших таблиц в Google Таблицах",
          why: "читать и записывать листы этой книги",
        }
      : {
          scope: `${SCOPE}spreadsheets.currentonly`,
          google: "Просмотр и изменение таблиц, в которых установлено это приложение",
          why: "читать и записывать листы этой книги (и только этой)",
        },
    ui: {
      scope: `${SCOPE}script.container.ui`,
      google: "Показ стороннего веб-контента в диалогах и на боковых панелях приложений Google",
      why: "меню «Наставничество», сообщения и боковая панель проверки пар",
    },
    forms: {
      scope: `${SCOPE}forms`,
      google: "Просмотр, изменение, создание и удаление ваших форм в Google Формах",
      why: "создавать анкеты участников и связывать их с книгой",
    },
    formsApi: {
      scope: `${SCOPE}forms.body`,
      google: "Просмотр, изменение, создание и удаление всех ваших форм в Google Формах",
      why: "записывать все вопросы анкеты одним запросом к Google Формам, а не по вопросу",
    },
    fetch: {
      scope: `${SCOPE}script.external_request`,
      google: "Подключение к внешнему сервису",
      why: "отправлять эти запросы к Google Формам (forms.googleapis.com) — и никуда больше",
    },
    documents: {
      scope: `${SCOPE}documents`,
      google: "Просмотр, изменение, создание и удаление ваших документов Google Документов",
      why: "создавать приказ, программы, справку и отчёт и прикладывать их к письмам в PDF",
    },
    mail: {
      scope: `${SCOPE}script.send_mail`,
      google: "Отправка электронных писем от вашего имени",
      why: "напоминания по дорожной карте и отчёты директору, куратору и в орган управления образованием",
    },
    triggers: {
      scope: `${SCOPE}script.scriptapp`,
      google: "Работа этого приложения, когда вас нет рядом",
      why: "обработка ответов анкет, ежедневные напоминания, ежемесячный отчёт, продолжение долгих операций",
    },
    email: {
      scope: `${SCOPE}userinfo.email`,
      google: "Просмотр основного адреса электронной почты вашего аккаунта Google",
      why: "отмечать в «Журнале», кто выполнил действие, и от чьего имени работают обработчики",
    },
  };
}

export const PERMISSIONS: Record<Permission, PermissionInfo> = permissionsOf(MANIFEST);

/** What every menu action needs: the workbook and the menu's messages. */
export const MENU_BASE: readonly Permission[] = ["sheets", "ui"];

declare global {
  namespace GoogleAppsScript.Script {
    interface ScriptApp {
      /** With a list of scopes (newer than @types/google-apps-script 2.0.13; Class ScriptApp). */
      getAuthorizationInfo(authMode: AuthMode, oAuthScopes: string[]): AuthorizationInfo;
    }
  }
}

function unique(list: readonly Permission[]): Permission[] {
  return list.filter((p, i) => list.indexOf(p) === i);
}

/**
 * Of `needed`, the permissions the effective user has not granted; [] when all are granted or
 * when ScriptApp cannot tell (then each call fails on its own, as before).
 */
export function missingPermissions(needed: readonly Permission[]): Permission[] {
  const list = unique(needed);
  try {
    const info = (scopes: string[]) =>
      ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL, scopes).getAuthorizationStatus();
    const required = ScriptApp.AuthorizationStatus.REQUIRED;
    if (info(list.map((p) => PERMISSIONS[p].scope)) !== required) return [];
    // Which of them: one scope at a time (only when something is missing).
    return list.filter((p) => info([PERMISSIONS[p].scope]) === required);
  } catch (e) {
    console.warn(`Наставничество: разрешения не проверены: ${String(e)}`);
    return [];
  }
}

/** «• «Отправка электронных писем от вашего имени» — напоминания…», one line per permission. */
export function describePermissions(list: readonly Permission[]): string {
  return list.map((p) => `• «${PERMISSIONS[p].google}» — ${PERMISSIONS[p].why}`).join("\n");
}

/**
 * The check at the start of a menu action: true when every permission `title` needs is granted.
 * Otherwise the user reads in Russian which to allow, then Google's prompt asks for them
 * (requireScopes ends this execution; call this outside any try block). False if it returns.
 */
export function ensurePermissions(title: string, extra: readonly Permission[] = []): boolean {
  const missing = missingPermissions([...MENU_BASE, ...extra]);
  if (missing.length === 0) return true;
  if (!missing.includes("ui"))
    SpreadsheetApp.getUi().alert(
      `${MENU_TITLE}: для действия «${title}» нужны разрешения Google, которые не выданы:\n` +
        `${describePermissions(missing)}\n\n` +
        "Сейчас Google покажет окно разрешений: отметьте эти пункты и нажмите «Продолжить», затем повторите действие.",
    );
  ScriptApp.requireScopes(
    ScriptApp.AuthMode.FULL,
    missing.map((p) => PERMISSIONS[p].scope),
  );
  return false;
}

/**
 * A trigger's permissions: the Russian reason it cannot run, or null when all are granted. `user`
 * runs the trigger; `fix` is the menu item that asks for them again.
 */
export function triggerPermissionProblem(
  needed: readonly Permission[],
  user: string,
  fix: string,
): string | null {
  const missing = missingPermissions(needed);
  if (missing.length === 0) return null;
  return (
    `Не выполнено: у программы нет разрешений Google от имени ${user || "владельца обработчика"}:\n` +
    `${describePermissions(missing)}\n` +
    `${user || "Владелец обработчика"} должен открыть таблицу и выполнить ${fix || "любой пункт меню «Наставничество»"}: ` +
    "Google покажет окно разрешений — отметьте эти пункты и нажмите «Продолжить»."
  );
}
