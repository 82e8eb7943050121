/**
 * Ui (SpreadsheetApp.getUi()): menus are recorded as trees in state.menus when added to the UI;
 * alerts, prompts and dialogs are recorded and answered from the queues in state.
 */
import { instrument } from "./calls";
import { Button, ButtonSet } from "./enums";
import { type Env, Fake } from "./env";
import { FakeHtmlOutput } from "./html";
import type { MenuEntry } from "./state";

type GasUi = GoogleAppsScript.Base.Ui;
type GasMenu = GoogleAppsScript.Base.Menu;
type GasButton = GoogleAppsScript.Base.Button;
type GasHtmlOutput = GoogleAppsScript.HTML.HtmlOutput;

const MENU_METHODS = ["addItem", "addSeparator", "addSubMenu", "addToUi"] as const;

export class FakeMenu extends Fake implements Pick<GasMenu, (typeof MENU_METHODS)[number]> {
  readonly gasType = "Menu";
  readonly items: MenuEntry[] = [];

  constructor(
    env: Env,
    readonly caption: string,
    private readonly addon: boolean,
  ) {
    super(env);
  }

  private self(): GasMenu {
    return this as unknown as GasMenu;
  }

  addItem(caption: string, functionName: string): GasMenu {
    if (typeof caption !== "string" || typeof functionName !== "string") {
      throw this.env.signatureError("Menu.addItem", [caption, functionName]);
    }
    this.items.push({ kind: "item", caption, functionName });
    return this.self();
  }
  addSeparator(): GasMenu {
    this.items.push({ kind: "separator" });
    return this.self();
  }
  addSubMenu(menu: GasMenu): GasMenu {
    if (!((menu as unknown) instanceof FakeMenu)) throw this.env.signatureError("Menu.addSubMenu", [menu]);
    const sub = menu as unknown as FakeMenu;
    this.items.push({ kind: "submenu", caption: sub.caption, items: structuredClone(sub.items) });
    return this.self();
  }
  addToUi(): void {
    this.env.state.menus.push({
      caption: this.caption,
      addon: this.addon,
      items: structuredClone(this.items),
    });
  }
}
instrument(FakeMenu, "Ui", "Menu", MENU_METHODS);

const UI_METHODS = [
  "alert",
  "createAddonMenu",
  "createMenu",
  "prompt",
  "showModalDialog",
  "showModelessDialog",
  "showSidebar",
] as const;

/** alert/prompt arguments: (prompt), (prompt, buttons) or (title, prompt, buttons). */
function dialogArgs(args: unknown[]): { title: string; prompt: string; buttons: string } {
  if (args.length >= 3) return { title: String(args[0]), prompt: String(args[1]), buttons: String(args[2]) };
  return { title: "", prompt: String(args[0]), buttons: String(args.length === 2 ? args[1] : ButtonSet.OK) };
}

export class FakeUi
  extends Fake
  implements Pick<GasUi, (typeof UI_METHODS)[number] | "Button" | "ButtonSet">
{
  readonly Button = Button;
  readonly ButtonSet = ButtonSet;

  private showDialog(
    kind: "sidebar" | "modal" | "modeless",
    html: unknown,
    title: unknown,
    method: string,
  ): void {
    if (!(html instanceof FakeHtmlOutput))
      throw this.env.signatureError(`Ui.${method}`, [html, title].slice(0, 2));
    this.env.state.dialogs.push({
      kind,
      title: title === undefined ? html.title : String(title),
      content: html.content,
      width: html.width,
      height: html.height,
    });
  }

  alert(...args: unknown[]): GasButton {
    const { title, prompt, buttons } = dialogArgs(args);
    const fallback = buttons.startsWith("YES") ? Button.YES : Button.OK;
    const response = this.env.state.alertResponses.shift() ?? String(fallback);
    this.env.state.alerts.push({ title, prompt, buttons, response });
    return response as unknown as GasButton;
  }
  createAddonMenu(): GasMenu {
    return new FakeMenu(this.env, "", true) as unknown as GasMenu;
  }
  createMenu(caption: string): GasMenu {
    return new FakeMenu(this.env, String(caption), false) as unknown as GasMenu;
  }
  prompt(...args: unknown[]): GoogleAppsScript.Base.PromptResponse {
    const { title, prompt, buttons } = dialogArgs(args);
    const next = this.env.state.promptResponses.shift();
    const response = next?.button ?? (buttons.startsWith("YES") ? Button.YES : Button.OK);
    const responseText = next?.text ?? "";
    this.env.state.prompts.push({ title, prompt, buttons, responseText, response: String(response) });
    return {
      getResponseText: () => responseText,
      getSelectedButton: () => response as unknown as GasButton,
    };
  }
  showModalDialog(userInterface: GasHtmlOutput, title: string): void {
    this.showDialog("modal", userInterface, title, "showModalDialog");
  }
  showModelessDialog(userInterface: GasHtmlOutput, title: string): void {
    this.showDialog("modeless", userInterface, title, "showModelessDialog");
  }
  showSidebar(userInterface: GasHtmlOutput): void {
    this.showDialog("sidebar", userInterface, undefined, "showSidebar");
  }
}
instrument(FakeUi, "Ui", "Ui", UI_METHODS);

export function gasUi(ui: FakeUi): GasUi {
  return ui as unknown as GasUi;
}
