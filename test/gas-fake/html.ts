/**
 * HtmlService. Files come from the `htmlFiles` option (name with or without ".html"). Templates are
 * not evaluated: evaluate() returns the raw file content (scriptlets stay as written).
 */
import { instrument } from "./calls";
import { SandboxMode, XFrameOptionsMode } from "./enums";
import { type Env, Fake } from "./env";
import { FakeBlob, gasBlob } from "./utilities";

type GasHtmlOutput = GoogleAppsScript.HTML.HtmlOutput;
type GasHtmlTemplate = GoogleAppsScript.HTML.HtmlTemplate;
type GasHtmlService = GoogleAppsScript.HTML.HtmlService;

const OUTPUT_METHODS = [
  "addMetaTag",
  "append",
  "appendUntrusted",
  "asTemplate",
  "clear",
  "getAs",
  "getBlob",
  "getContent",
  "getFaviconUrl",
  "getHeight",
  "getTitle",
  "getWidth",
  "setContent",
  "setFaviconUrl",
  "setHeight",
  "setSandboxMode",
  "setTitle",
  "setWidth",
  "setXFrameOptionsMode",
] as const;

const escapeHtml = (s: string) =>
  s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");

export class FakeHtmlOutput extends Fake implements Pick<GasHtmlOutput, (typeof OUTPUT_METHODS)[number]> {
  readonly gasType = "HtmlOutput";
  title = "";
  width: number | null = null;
  height: number | null = null;
  faviconUrl = "";
  sandboxMode = "IFRAME";
  xFrameOptionsMode = "DEFAULT";
  readonly metaTags: { name: string; content: string }[] = [];

  constructor(
    env: Env,
    public content: string,
  ) {
    super(env);
  }

  private self(): GasHtmlOutput {
    return gasHtmlOutput(this);
  }

  addMetaTag(name: string, content: string): GasHtmlOutput {
    this.metaTags.push({ name, content });
    return this.self();
  }
  append(addedContent: string): GasHtmlOutput {
    this.content += String(addedContent);
    return this.self();
  }
  appendUntrusted(addedContent: string): GasHtmlOutput {
    this.content += escapeHtml(String(addedContent));
    return this.self();
  }
  asTemplate(): GasHtmlTemplate {
    return gasHtmlTemplate(new FakeHtmlTemplate(this.env, this.content));
  }
  clear(): GasHtmlOutput {
    this.content = "";
    return this.self();
  }
  getAs(contentType: string): GoogleAppsScript.Base.Blob {
    return gasBlob(
      new FakeBlob(this.env, Buffer.from(this.content, "utf8"), contentType, this.title || null),
    );
  }
  getBlob(): GoogleAppsScript.Base.Blob {
    return this.getAs("text/html");
  }
  getContent(): string {
    return this.content;
  }
  getFaviconUrl(): string {
    return this.faviconUrl;
  }
  getHeight(): number {
    return this.height ?? 0;
  }
  getTitle(): string {
    return this.title;
  }
  getWidth(): number {
    return this.width ?? 0;
  }
  setContent(content: string): GasHtmlOutput {
    this.content = String(content);
    return this.self();
  }
  setFaviconUrl(iconUrl: string): GasHtmlOutput {
    this.faviconUrl = iconUrl;
    return this.self();
  }
  setHeight(height: number): GasHtmlOutput {
    this.height = height;
    return this.self();
  }
  setSandboxMode(mode: GoogleAppsScript.HTML.SandboxMode): GasHtmlOutput {
    this.sandboxMode = String(mode);
    return this.self();
  }
  setTitle(title: string): GasHtmlOutput {
    this.title = String(title);
    return this.self();
  }
  setWidth(width: number): GasHtmlOutput {
    this.width = width;
    return this.self();
  }
  setXFrameOptionsMode(mode: GoogleAppsScript.HTML.XFrameOptionsMode): GasHtmlOutput {
    this.xFrameOptionsMode = String(mode);
    return this.self();
  }
}
instrument(FakeHtmlOutput, "HtmlService", "HtmlOutput", OUTPUT_METHODS);

export function gasHtmlOutput(o: FakeHtmlOutput): GasHtmlOutput {
  return o as unknown as GasHtmlOutput;
}

const TEMPLATE_METHODS = ["evaluate", "getCode", "getCodeWithComments", "getRawContent"] as const;

/** Properties a script sets on a template (template.data = ...) stay on the object, unused. */
export class FakeHtmlTemplate
  extends Fake
  implements Pick<GasHtmlTemplate, (typeof TEMPLATE_METHODS)[number]>
{
  readonly gasType = "HtmlTemplate";

  constructor(
    env: Env,
    private readonly raw: string,
  ) {
    super(env);
  }

  evaluate(): GasHtmlOutput {
    return gasHtmlOutput(new FakeHtmlOutput(this.env, this.raw));
  }
  getCode(): string {
    return "";
  }
  getCodeWithComments(): string {
    return "";
  }
  getRawContent(): string {
    return this.raw;
  }
}
instrument(FakeHtmlTemplate, "HtmlService", "HtmlTemplate", TEMPLATE_METHODS);

export function gasHtmlTemplate(t: FakeHtmlTemplate): GasHtmlTemplate {
  return t as unknown as GasHtmlTemplate;
}

const SERVICE_METHODS = [
  "createHtmlOutput",
  "createHtmlOutputFromFile",
  "createTemplate",
  "createTemplateFromFile",
  "getUserAgent",
] as const;

export class FakeHtmlService
  extends Fake
  implements Pick<GasHtmlService, (typeof SERVICE_METHODS)[number] | "SandboxMode" | "XFrameOptionsMode">
{
  readonly SandboxMode = SandboxMode;
  readonly XFrameOptionsMode = XFrameOptionsMode;

  private file(name: string): string {
    const files = this.env.config.htmlFiles;
    const content = files[name] ?? files[`${name}.html`];
    if (content === undefined) throw this.env.error(`No HTML file named ${name} was found.`);
    return content;
  }
  private text(source: unknown): string {
    if (source === undefined) return "";
    return source instanceof FakeBlob ? source.bytes.toString("utf8") : String(source);
  }

  createHtmlOutput(source?: string | GoogleAppsScript.Base.BlobSource): GasHtmlOutput {
    return gasHtmlOutput(new FakeHtmlOutput(this.env, this.text(source)));
  }
  createHtmlOutputFromFile(filename: string): GasHtmlOutput {
    return gasHtmlOutput(new FakeHtmlOutput(this.env, this.file(filename)));
  }
  createTemplate(source: string | GoogleAppsScript.Base.BlobSource): GasHtmlTemplate {
    return gasHtmlTemplate(new FakeHtmlTemplate(this.env, this.text(source)));
  }
  createTemplateFromFile(filename: string): GasHtmlTemplate {
    return gasHtmlTemplate(new FakeHtmlTemplate(this.env, this.file(filename)));
  }
  getUserAgent(): string {
    return "Mozilla/5.0 (gas-fake)";
  }
}
instrument(FakeHtmlService, "HtmlService", "HtmlService", SERVICE_METHODS);
