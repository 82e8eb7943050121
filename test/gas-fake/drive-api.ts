/**
 * The Drive advanced service (Drive API v3 through Apps Script): `Drive.Files.list` over the same
 * files as the DriveApp fake (drive.ts), each call counted as one call of the service "Drive"
 * («Files.list»).
 *
 * As documented (developers.google.com/workspace/drive/api/reference/rest/v3/files/list):
 * - `q` is a search query; modelled: «'FOLDER_ID' in parents» and «trashed = false|true», joined by
 *   «and» — anything else throws «gas-fake: …», so nothing is silently ignored;
 * - `pageSize` is 1–1000 (default 100); a further page is asked with the `nextPageToken` returned;
 * - without `fields` each file carries kind, id, name and mimeType; `fields: "files(id,name,…)"`
 *   picks the file fields (modifiedTime is RFC 3339 in UTC, as the API returns it), and
 *   nextPageToken is returned only when `fields` names it (or no `fields` is given).
 * Files are listed by name (the API's order without `orderBy` is not documented; a caller must not
 * rely on it).
 *
 * And the UrlFetchApp route (url-fetch.ts) for the one request a script makes to the Drive REST API with its own token:
 * files.get with `alt=media` (developers.google.com/workspace/drive/api/guides/manage-downloads),
 * «https://www.googleapis.com/drive/v3/files/ID?alt=media» with «Authorization: Bearer
 * ScriptApp.getOAuthToken()» — the file's bytes (200); a Google Docs Editors file is not
 * downloadable (403 fileNotDownloadable: «Use Export»); an unknown ID 404; a token without a
 * Drive scope (the manifest's scopes) 403. UrlFetchApp throws for a code ≥ 400 unless
 * `muteHttpExceptions` («Request failed for https://www.googleapis.com returned code 404…»).
 * Any other URL throws «gas-fake: …».
 */

import { SCOPE } from "./auth";
import { instrument } from "./calls";
import type { DriveFileData, DriveStore } from "./drive";
import { type Env, Fake } from "./env";
import type { FetchRoute } from "./url-fetch";

type Json = Record<string, unknown>;

const FILE_FIELDS: Record<string, (f: DriveFileData) => unknown> = {
  kind: () => "drive#file",
  id: (f) => f.id,
  name: (f) => f.name,
  mimeType: (f) => f.mimeType,
  modifiedTime: (f) => new Date(f.updated).toISOString(),
  createdTime: (f) => new Date(f.created).toISOString(),
  trashed: (f) => f.trashed,
  parents: (f) => [...f.parents],
  size: (f) => String(f.content.length),
};

export class FakeDriveFiles extends Fake {
  constructor(
    env: Env,
    private readonly store: DriveStore,
  ) {
    super(env);
  }

  list(optionalArgs: Json = {}): Json {
    const args = optionalArgs ?? {};
    const fail = (why: string) => this.env.error(`API call to drive.files.list failed with error: ${why}`);
    const pageSize = args.pageSize === undefined ? 100 : Number(args.pageSize);
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000)
      throw fail(`Invalid value '${String(args.pageSize)}'. Values must be within the range: [1, 1000]`);
    const filters: ((f: DriveFileData) => boolean)[] = [];
    const q = String(args.q ?? "").trim();
    if (q !== "")
      for (const term of q.split(/\s+and\s+/i)) {
        const parent = /^'([^']+)'\s+in\s+parents$/i.exec(term.trim());
        const trashed = /^trashed\s*=\s*(true|false)$/i.exec(term.trim());
        if (parent) filters.push((f) => f.parents.includes(parent[1]));
        else if (trashed) filters.push((f) => f.trashed === (trashed[1].toLowerCase() === "true"));
        else throw new Error(`gas-fake: Drive.Files.list query term not modelled: «${term}»`);
      }
    const all = [...this.store.files.values()]
      .filter((f) => filters.every((ok) => ok(f)))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1));
    const start = args.pageToken === undefined ? 0 : Number(String(args.pageToken).replace(/^page-/, ""));
    if (!Number.isInteger(start) || start < 0) throw fail("Invalid Value");
    const page = all.slice(start, start + pageSize);
    const fields = args.fields === undefined ? null : String(args.fields);
    let fileFields = ["kind", "id", "name", "mimeType"];
    if (fields !== null) {
      const m = /files\(([^)]*)\)/.exec(fields);
      fileFields = m
        ? m[1].split(",").map((s) => s.trim())
        : /(^|,)\s*files\s*(,|$)/.test(fields)
          ? Object.keys(FILE_FIELDS)
          : [];
      for (const f of fileFields)
        if (!(f in FILE_FIELDS)) throw new Error(`gas-fake: Drive file field not modelled: «${f}»`);
    }
    const out: Json = {};
    if (fields === null) out.kind = "drive#fileList";
    if (fields === null || /files/.test(fields))
      out.files = page.map((f) => Object.fromEntries(fileFields.map((k) => [k, FILE_FIELDS[k](f)])));
    if (start + pageSize < all.length && (fields === null || /nextPageToken/.test(fields)))
      out.nextPageToken = `page-${start + pageSize}`;
    return out;
  }
}
instrument(FakeDriveFiles, "Drive", "Files", ["list"]);

/** `Drive` as the advanced service's global (userSymbol "Drive" in appsscript.json). */
export function driveAdvancedService(env: Env, store: DriveStore): { Files: FakeDriveFiles } {
  return { Files: new FakeDriveFiles(env, store) };
}

/** The Drive files.get alt=media route of UrlFetchApp (url-fetch.ts). */
export function driveMediaRoute(env: Env, store: DriveStore): FetchRoute {
  return (request) => {
    const m = /^https:\/\/www\.googleapis\.com\/drive\/v3\/files\/([A-Za-z0-9_-]+)\?alt=media$/.exec(
      request.url,
    );
    if (!m) return null;
    const json = (code: number, reason: string, message: string) =>
      [
        code,
        Buffer.from(JSON.stringify({ error: { code, message, errors: [{ reason, message }] } })),
        "application/json",
      ] as const;
    const manifest = env.auth.manifest;
    const file = store.files.get(m[1]);
    if (request.headers.Authorization !== "Bearer fake-token")
      return json(401, "authError", "Invalid Credentials");
    if (manifest && !manifest.some((s) => s === `${SCOPE}drive` || s === `${SCOPE}drive.readonly`))
      return json(
        403,
        "insufficientPermissions",
        "Insufficient Permission: Request had insufficient authentication scopes.",
      );
    if (!file) return json(404, "notFound", `File not found: ${m[1]}.`);
    if (file.mimeType.startsWith("application/vnd.google-apps."))
      return json(
        403,
        "fileNotDownloadable",
        "Only files with binary content can be downloaded. Use Export with Docs Editors files.",
      );
    return [200, Buffer.from(file.content), file.mimeType];
  };
}
