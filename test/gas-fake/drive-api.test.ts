/**
 * The Drive pieces of the fake the «Район» project relies on (drive-api.ts, Utilities.unzip), held
 * to what Google documents: files.list pages and filters, files.get alt=media through UrlFetchApp
 * and its refusals, Utilities.unzip of a stored and of a deflated archive.
 */
import JSZip from "jszip";
import { SCOPE } from "./auth";
import { installDriveApp } from "./drive";
import { createGasFake } from "./index";

type Json = Record<string, unknown>;

function drive(scopes: string[] = [`${SCOPE}drive.readonly`, `${SCOPE}script.external_request`]) {
  const fake = createGasFake({ oauthScopes: scopes });
  const control = installDriveApp(fake);
  const g = fake.globals as unknown as Record<
    string,
    {
      Files: { list(a: Json): Json };
      fetch(u: string, p?: Json): { getResponseCode(): number; getBlob(): GoogleAppsScript.Base.Blob };
    }
  >;
  return { fake, store: control.store, Drive: g.Drive, UrlFetchApp: g.UrlFetchApp };
}

describe("Drive.Files.list", () => {
  it("lists a folder's files page by page, leaves out the trash and returns the fields asked for", () => {
    const { store, Drive, fake } = drive();
    const folder = store.addFolder("Пакеты");
    for (const name of ["в.xlsx", "а.xlsx", "б.xlsx", "г.xlsx", "д.xlsx"])
      store.addFile(name, "application/zip").parents = [folder.id];
    store.addFile("корзина.xlsx", "application/zip").parents = [folder.id];
    [...store.files.values()].find((f) => f.name === "корзина.xlsx")!.trashed = true;
    store.addFile("чужой.xlsx", "application/zip");
    const q = `'${folder.id}' in parents and trashed = false`;
    const names: string[] = [];
    let pageToken: string | undefined;
    let pages = 0;
    do {
      const page = Drive.Files.list({
        q,
        pageSize: 2,
        fields: "nextPageToken,files(id,name,modifiedTime)",
        ...(pageToken ? { pageToken } : {}),
      });
      const files = page.files as Json[];
      for (const f of files) {
        expect(Object.keys(f).sort()).toEqual(["id", "modifiedTime", "name"]);
        expect(String(f.modifiedTime)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
        names.push(String(f.name));
      }
      pageToken = page.nextPageToken as string | undefined;
      pages++;
    } while (pageToken);
    expect(pages).toBe(3);
    expect(names.sort()).toEqual(["а.xlsx", "б.xlsx", "в.xlsx", "г.xlsx", "д.xlsx"]);
    expect(fake.calls.count("Files.list")).toBe(3);
    // Without fields: kind, id, name, mimeType; a page size past 1,000 is refused.
    const plain = Drive.Files.list({ q, pageSize: 1 });
    expect(Object.keys((plain.files as Json[])[0]).sort()).toEqual(["id", "kind", "mimeType", "name"]);
    expect(() => Drive.Files.list({ q, pageSize: 1001 })).toThrow(
      /Values must be within the range: \[1, 1000\]/,
    );
  });

  it("needs a Drive scope", () => {
    const { Drive } = drive([`${SCOPE}script.external_request`]);
    expect(() => Drive.Files.list({ q: "trashed = false" })).toThrow(
      "Authorization is required to perform that action.",
    );
  });
});

describe("files.get alt=media through UrlFetchApp", () => {
  const url = (id: string) => `https://www.googleapis.com/drive/v3/files/${id}?alt=media`;
  const auth = { headers: { Authorization: "Bearer fake-token" } };

  it("gives a file's bytes with the script's token, and refuses as the API does", () => {
    const { store, UrlFetchApp } = drive();
    const file = store.addFile("пакет.xlsx", "application/zip", Buffer.from([1, 2, 200]));
    const doc = store.addFile("Документ", "application/vnd.google-apps.document");
    const ok = UrlFetchApp.fetch(url(file.id), auth);
    expect(ok.getResponseCode()).toBe(200);
    expect(ok.getBlob().getBytes()).toEqual([1, 2, -56]);
    expect(() => UrlFetchApp.fetch(url("missing"), auth)).toThrow(
      /^Request failed for https:\/\/www\.googleapis\.com returned code 404/,
    );
    expect(UrlFetchApp.fetch(url("nope"), { ...auth, muteHttpExceptions: true }).getResponseCode()).toBe(404);
    expect(UrlFetchApp.fetch(url(doc.id), { ...auth, muteHttpExceptions: true }).getResponseCode()).toBe(403);
    expect(UrlFetchApp.fetch(url(file.id), { muteHttpExceptions: true }).getResponseCode()).toBe(401);
  });

  it("is refused without a Drive scope in the token, and UrlFetchApp without script.external_request", () => {
    const noDrive = drive([`${SCOPE}script.external_request`]);
    const f = noDrive.store.addFile("пакет.xlsx", "application/zip", Buffer.from([1]));
    expect(
      noDrive.UrlFetchApp.fetch(url(f.id), { ...auth, muteHttpExceptions: true }).getResponseCode(),
    ).toBe(403);
    const noFetch = drive([`${SCOPE}drive.readonly`]);
    expect(() => noFetch.UrlFetchApp.fetch(url("x"), auth)).toThrow(
      "Authorization is required to perform that action.",
    );
  });
});

describe("Utilities.unzip", () => {
  it("returns each file of a stored or deflated archive, named by its path, folders left out", async () => {
    const { fake } = drive();
    for (const compression of ["STORE", "DEFLATE"] as const) {
      const zip = new JSZip();
      zip.file("xl/workbook.xml", "<workbook>Лист</workbook>");
      zip.folder("xl/worksheets");
      zip.file("[Content_Types].xml", "<Types/>");
      const bytes = await zip.generateAsync({ type: "nodebuffer", compression });
      const blob = fake.globals.Utilities.newBlob(
        [...bytes].map((b) => (b > 127 ? b - 256 : b)),
        "application/zip",
        "a.zip",
      );
      const parts = fake.globals.Utilities.unzip(blob);
      expect(parts.map((p) => [p.getName(), p.getDataAsString("UTF-8")]).sort()).toEqual([
        ["[Content_Types].xml", "<Types/>"],
        ["xl/workbook.xml", "<workbook>Лист</workbook>"],
      ]);
    }
    expect(() => fake.globals.Utilities.unzip(fake.globals.Utilities.newBlob("не архив"))).toThrow(
      /not a zip/,
    );
  });
});
