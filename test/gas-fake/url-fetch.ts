/**
 * UrlFetchApp: the requests a script makes to Google's REST APIs with its own token
 * (ScriptApp.getOAuthToken()), answered by the fakes that register a route here — never the
 * network. Each fake service adds its route (drive-api.ts: Drive files.get alt=media; forms-api.ts:
 * the Forms API). A URL no route answers throws «gas-fake: … is not modelled».
 *
 * As the UrlFetchApp reference documents: `fetch(url, params)` and `fetchAll(requests)` (each
 * request a URL string or an object with `url` and the params: method, headers, payload,
 * contentType, muteHttpExceptions); a response code of 400 or more throws «Request failed for
 * https://HOST returned code N. Truncated server response: …» unless muteHttpExceptions is true;
 * fetchAll returns the responses in the order of the requests and throws at the first failure
 * that is not muted. Each of fetch and fetchAll is one call of the service "UrlFetchApp", which
 * needs the script.external_request scope (auth.ts).
 */
import { instrument } from "./calls";
import { type Env, Fake } from "./env";
import type { GasFake } from "./index";
import { FakeBlob, gasBlob } from "./utilities";

/** One request as a route sees it. */
export interface FetchRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  /** The payload as text ("" when none). */
  body: string;
}

/** A route's answer: status code, body and content type. */
export type FetchAnswer = readonly [number, Buffer, string];

/** Answers the requests it knows; null for others. */
export type FetchRoute = (request: FetchRequest) => FetchAnswer | null;

/** A JSON error body as Google's APIs send it (`error.code`, `message`, `status`, `details`/`errors`). */
export function jsonError(code: number, status: string, message: string, reason?: string): FetchAnswer {
  const error: Record<string, unknown> = { code, message, status };
  if (reason) {
    error.errors = [{ reason, message }];
    error.details = [{ "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason }];
  }
  return [code, Buffer.from(JSON.stringify({ error })), "application/json"];
}

export function jsonAnswer(body: unknown): FetchAnswer {
  return [200, Buffer.from(JSON.stringify(body)), "application/json; charset=UTF-8"];
}

export class FakeHttpResponse extends Fake {
  constructor(
    env: Env,
    private readonly code: number,
    private readonly body: Buffer,
    private readonly type: string,
  ) {
    super(env);
  }
  getResponseCode(): number {
    return this.code;
  }
  getContent(): number[] {
    return this.env.realm.array([...this.body].map((b) => (b > 127 ? b - 256 : b)));
  }
  getContentText(): string {
    return this.body.toString("utf8");
  }
  getBlob(): GoogleAppsScript.Base.Blob {
    return gasBlob(new FakeBlob(this.env, Buffer.from(this.body), this.type, null));
  }
}
// Reading a response already fetched reaches no server: its own service, not counted as remote.
instrument(FakeHttpResponse, "HTTPResponse", "HTTPResponse", [
  "getResponseCode",
  "getContent",
  "getContentText",
  "getBlob",
]);

type Params = Record<string, unknown> | undefined;

export class FakeUrlFetchApp extends Fake {
  readonly routes: FetchRoute[] = [];

  private one(url: string, params: Params): FakeHttpResponse {
    const headers = { ...((params?.headers ?? {}) as Record<string, string>) };
    // `contentType` becomes the request's Content-Type header (default for a payload: form-urlencoded).
    if (params?.payload !== undefined)
      headers["Content-Type"] = String(params?.contentType ?? "application/x-www-form-urlencoded");
    const payload = params?.payload;
    const body = payload === undefined || payload === null ? "" : String(payload);
    const request: FetchRequest = {
      url: String(url),
      method: String(params?.method ?? "get").toUpperCase(),
      headers,
      body,
    };
    let answer: FetchAnswer | null = null;
    for (const route of this.routes) {
      answer = route(request);
      if (answer) break;
    }
    if (!answer) throw new Error(`gas-fake: UrlFetchApp.fetch of ${String(url)} is not modelled`);
    const [code, text, type] = answer;
    if (code >= 400 && params?.muteHttpExceptions !== true) {
      const host = /^https:\/\/[^/]+/.exec(request.url)?.[0] ?? request.url;
      throw this.env.error(
        `Request failed for ${host} returned code ${code}. Truncated server response: ${text.toString("utf8").slice(0, 80)}... (use muteHttpExceptions option to examine full response)`,
      );
    }
    return new FakeHttpResponse(this.env, code, text, type);
  }

  fetch(url: string, params: Params = {}): FakeHttpResponse {
    return this.one(url, params);
  }

  fetchAll(requests: (string | Record<string, unknown>)[]): FakeHttpResponse[] {
    if (!Array.isArray(requests)) throw this.env.signatureError("UrlFetchApp.fetchAll", [requests]);
    const out = requests.map((r) =>
      typeof r === "string" ? this.one(r, {}) : this.one(String(r.url), r as Record<string, unknown>),
    );
    return this.env.realm.array(out);
  }
}
instrument(FakeUrlFetchApp, "UrlFetchApp", "UrlFetchApp", ["fetch", "fetchAll"]);

/** The fake's UrlFetchApp global (added on first use), to register a route on. */
export function urlFetchOf(fake: GasFake): FakeUrlFetchApp {
  const globals = fake.globals as unknown as Record<string, unknown>;
  if (!(globals.UrlFetchApp instanceof FakeUrlFetchApp)) globals.UrlFetchApp = new FakeUrlFetchApp(fake.env);
  return globals.UrlFetchApp as FakeUrlFetchApp;
}
