/**
 * DriveApp: folders and files in memory. Files have parents (folder IDs, "root" for My Drive) and a
 * trashed flag; a Google Doc created by the DocumentApp fake (document.ts) is a file here too, and
 * `getAs("application/pdf")` exports it through the exporter registered for its MIME type. Blobs
 * are the fake's FakeBlob, so MailApp takes them as attachments.
 *
 *   const fake = createGasFake();
 *   const drive = installDriveApp(fake);          // adds globals.DriveApp
 *   drive.folderNamed("Наставничество 2026-2027"); // inspect
 *
 * Not modelled: sharing, owners and permissions, shortcuts, resource keys, search queries
 * (searchFiles/searchFolders), continuation tokens across executions, storage quotas.
 */
import { instrument } from "./calls";
import { driveAdvancedService, driveMediaRoute } from "./drive-api";
import { Env, Fake } from "./env";
import type { GasFake } from "./index";
import { emptyState } from "./state";
import { urlFetchOf } from "./url-fetch";
import { FakeBlob, gasBlob } from "./utilities";

type GasFile = GoogleAppsScript.Drive.File;
type GasFolder = GoogleAppsScript.Drive.Folder;
type GasDriveApp = GoogleAppsScript.Drive.DriveApp;

export const ROOT_ID = "root";
export const GOOGLE_DOC_MIME = "application/vnd.google-apps.document";
export const GOOGLE_FOLDER_MIME = "application/vnd.google-apps.folder";

export interface DriveFileData {
  id: string;
  name: string;
  mimeType: string;
  parents: string[];
  trashed: boolean;
  /** Bytes of a stored (non-Google) file. */
  content: Buffer;
  created: number;
  updated: number;
}

export interface DriveFolderData {
  id: string;
  name: string;
  parents: string[];
  trashed: boolean;
  created: number;
}

/** Turns a Google-type file into bytes of another type (e.g. a Google Doc into a PDF). */
export type Exporter = (file: DriveFileData, contentType: string) => Buffer;

export class DriveStore {
  readonly files = new Map<string, DriveFileData>();
  readonly folders = new Map<string, DriveFolderData>();
  readonly exporters = new Map<string, Exporter>();
  private seq = 0;

  constructor(readonly now: () => number) {
    this.folders.set(ROOT_ID, { id: ROOT_ID, name: "Мой диск", parents: [], trashed: false, created: now() });
  }

  nextId(prefix: string): string {
    return `${prefix}-${String(++this.seq).padStart(4, "0")}`;
  }

  /** Registers a file made by another service (DocumentApp.create puts the doc in My Drive). */
  addFile(name: string, mimeType: string, content: Buffer = Buffer.alloc(0), id?: string): DriveFileData {
    const t = this.now();
    const data: DriveFileData = {
      id: id ?? this.nextId("file"),
      name,
      mimeType,
      parents: [ROOT_ID],
      trashed: false,
      content,
      created: t,
      updated: t,
    };
    this.files.set(data.id, data);
    return data;
  }

  addFolder(name: string, parent = ROOT_ID): DriveFolderData {
    const data: DriveFolderData = {
      id: this.nextId("folder"),
      name,
      parents: [parent],
      trashed: false,
      created: this.now(),
    };
    this.folders.set(data.id, data);
    return data;
  }
}

function urlOf(data: DriveFileData): string {
  return data.mimeType === GOOGLE_DOC_MIME
    ? `https://docs.google.com/document/d/${data.id}/edit`
    : `https://drive.google.com/file/d/${data.id}/view`;
}

/** A one-shot iterator, as DriveApp's FileIterator and FolderIterator. */
class FakeIterator<T> extends Fake {
  private i = 0;
  constructor(
    env: Env,
    private readonly items: T[],
  ) {
    super(env);
  }
  hasNext(): boolean {
    return this.i < this.items.length;
  }
  next(): T {
    if (this.i >= this.items.length)
      throw this.env.error("Cannot retrieve the next object: iterator has reached the end.");
    return this.items[this.i++];
  }
  getContinuationToken(): string {
    return `token-${this.i}`;
  }
}

export class FakeFileIterator
  extends FakeIterator<GasFile>
  implements Pick<GoogleAppsScript.Drive.FileIterator, "hasNext" | "next" | "getContinuationToken"> {}
instrument(FakeFileIterator, "DriveApp", "FileIterator", ["hasNext", "next", "getContinuationToken"]);

export class FakeFolderIterator
  extends FakeIterator<GasFolder>
  implements Pick<GoogleAppsScript.Drive.FolderIterator, "hasNext" | "next" | "getContinuationToken"> {}
instrument(FakeFolderIterator, "DriveApp", "FolderIterator", ["hasNext", "next", "getContinuationToken"]);

const FILE_METHODS = [
  "getId",
  "getName",
  "setName",
  "getUrl",
  "getMimeType",
  "getAs",
  "getBlob",
  "getSize",
  "getDateCreated",
  "getLastUpdated",
  "getParents",
  "isTrashed",
  "setTrashed",
  "moveTo",
] as const;

export class FakeFile extends Fake implements Pick<GasFile, (typeof FILE_METHODS)[number]> {
  readonly gasType = "File";

  constructor(
    env: Env,
    readonly store: DriveStore,
    readonly data: DriveFileData,
  ) {
    super(env);
  }
  private self(): GasFile {
    return this as unknown as GasFile;
  }
  getId(): string {
    return this.data.id;
  }
  getName(): string {
    return this.data.name;
  }
  setName(name: string): GasFile {
    this.data.name = String(name);
    this.data.updated = this.store.now();
    return this.self();
  }
  getUrl(): string {
    return urlOf(this.data);
  }
  getMimeType(): string {
    return this.data.mimeType;
  }
  /** Google files go through their exporter; other files keep their bytes under the new type. */
  getAs(contentType: string): GoogleAppsScript.Base.Blob {
    const exporter = this.store.exporters.get(this.data.mimeType);
    if (this.data.mimeType.startsWith("application/vnd.google-apps.") && !exporter)
      throw this.env.error(`Converting from ${this.data.mimeType} to ${contentType} is not supported.`);
    const bytes = exporter ? exporter(this.data, contentType) : Buffer.from(this.data.content);
    const ext = contentType === "application/pdf" ? ".pdf" : "";
    return gasBlob(new FakeBlob(this.env, bytes, contentType, `${this.data.name}${ext}`));
  }
  getBlob(): GoogleAppsScript.Base.Blob {
    if (this.data.mimeType.startsWith("application/vnd.google-apps.")) return this.getAs("application/pdf");
    return gasBlob(
      new FakeBlob(this.env, Buffer.from(this.data.content), this.data.mimeType, this.data.name),
    );
  }
  getSize(): number {
    return this.data.content.length;
  }
  getDateCreated(): GoogleAppsScript.Base.Date {
    return this.env.realm.date(this.data.created);
  }
  getLastUpdated(): GoogleAppsScript.Base.Date {
    return this.env.realm.date(this.data.updated);
  }
  getParents(): GoogleAppsScript.Drive.FolderIterator {
    const folders = this.data.parents
      .map((id) => this.store.folders.get(id))
      .filter((f): f is DriveFolderData => f !== undefined)
      .map((f) => new FakeFolder(this.env, this.store, f) as unknown as GasFolder);
    return new FakeFolderIterator(this.env, folders) as unknown as GoogleAppsScript.Drive.FolderIterator;
  }
  isTrashed(): boolean {
    return this.data.trashed;
  }
  setTrashed(trashed: boolean): GasFile {
    this.data.trashed = trashed === true;
    return this.self();
  }
  moveTo(destination: GasFolder): GasFile {
    const target = destination as unknown as FakeFolder;
    if (!(target instanceof FakeFolder)) throw this.env.signatureError("File.moveTo", [destination]);
    this.data.parents = [target.data.id];
    return this.self();
  }
}
instrument(FakeFile, "DriveApp", "File", FILE_METHODS);

const FOLDER_METHODS = [
  "getId",
  "getName",
  "setName",
  "getUrl",
  "addFile",
  "removeFile",
  "createFile",
  "createFolder",
  "getFiles",
  "getFilesByName",
  "getFolders",
  "getFoldersByName",
  "getParents",
  "isTrashed",
  "setTrashed",
] as const;

export class FakeFolder extends Fake implements Pick<GasFolder, (typeof FOLDER_METHODS)[number]> {
  readonly gasType = "Folder";

  constructor(
    env: Env,
    readonly store: DriveStore,
    readonly data: DriveFolderData,
  ) {
    super(env);
  }
  private self(): GasFolder {
    return this as unknown as GasFolder;
  }
  private fileIterator(filter: (f: DriveFileData) => boolean): GoogleAppsScript.Drive.FileIterator {
    const files = [...this.store.files.values()]
      .filter((f) => f.parents.includes(this.data.id) && filter(f))
      .map((f) => new FakeFile(this.env, this.store, f) as unknown as GasFile);
    return new FakeFileIterator(this.env, files) as unknown as GoogleAppsScript.Drive.FileIterator;
  }
  private folderIterator(filter: (f: DriveFolderData) => boolean): GoogleAppsScript.Drive.FolderIterator {
    const folders = [...this.store.folders.values()]
      .filter((f) => f.parents.includes(this.data.id) && filter(f))
      .map((f) => new FakeFolder(this.env, this.store, f) as unknown as GasFolder);
    return new FakeFolderIterator(this.env, folders) as unknown as GoogleAppsScript.Drive.FolderIterator;
  }
  getId(): string {
    return this.data.id;
  }
  getName(): string {
    return this.data.name;
  }
  setName(name: string): GasFolder {
    this.data.name = String(name);
    return this.self();
  }
  getUrl(): string {
    return `https://drive.google.com/drive/folders/${this.data.id}`;
  }
  addFile(child: GasFile): GasFolder {
    const f = child as unknown as FakeFile;
    if (!(f instanceof FakeFile)) throw this.env.signatureError("Folder.addFile", [child]);
    if (!f.data.parents.includes(this.data.id)) f.data.parents.push(this.data.id);
    return this.self();
  }
  removeFile(child: GasFile): GasFolder {
    const f = child as unknown as FakeFile;
    if (!(f instanceof FakeFile)) throw this.env.signatureError("Folder.removeFile", [child]);
    f.data.parents = f.data.parents.filter((p) => p !== this.data.id);
    return this.self();
  }
  createFile(...args: unknown[]): GasFile {
    let data: DriveFileData;
    if (args.length === 1 && args[0] instanceof FakeBlob) {
      const b = args[0] as FakeBlob;
      data = this.store.addFile(b.name ?? "Untitled", b.contentType ?? "application/octet-stream", b.bytes);
    } else if (args.length >= 2) {
      data = this.store.addFile(
        String(args[0]),
        args[2] === undefined ? "text/plain" : String(args[2]),
        Buffer.from(String(args[1]), "utf8"),
      );
    } else throw this.env.signatureError("Folder.createFile", args);
    data.parents = [this.data.id];
    return new FakeFile(this.env, this.store, data) as unknown as GasFile;
  }
  createFolder(name: string): GasFolder {
    return new FakeFolder(
      this.env,
      this.store,
      this.store.addFolder(String(name), this.data.id),
    ) as unknown as GasFolder;
  }
  /** Trashed files are listed too, as in Apps Script (check isTrashed()). */
  getFiles(): GoogleAppsScript.Drive.FileIterator {
    return this.fileIterator(() => true);
  }
  getFilesByName(name: string): GoogleAppsScript.Drive.FileIterator {
    return this.fileIterator((f) => f.name === name);
  }
  getFolders(): GoogleAppsScript.Drive.FolderIterator {
    return this.folderIterator(() => true);
  }
  getFoldersByName(name: string): GoogleAppsScript.Drive.FolderIterator {
    return this.folderIterator((f) => f.name === name);
  }
  getParents(): GoogleAppsScript.Drive.FolderIterator {
    const parents = this.data.parents
      .map((id) => this.store.folders.get(id))
      .filter((f): f is DriveFolderData => f !== undefined)
      .map((f) => new FakeFolder(this.env, this.store, f) as unknown as GasFolder);
    return new FakeFolderIterator(this.env, parents) as unknown as GoogleAppsScript.Drive.FolderIterator;
  }
  isTrashed(): boolean {
    return this.data.trashed;
  }
  setTrashed(trashed: boolean): GasFolder {
    this.data.trashed = trashed === true;
    return this.self();
  }
}
instrument(FakeFolder, "DriveApp", "Folder", FOLDER_METHODS);

const DRIVE_METHODS = [
  "createFile",
  "createFolder",
  "getFileById",
  "getFiles",
  "getFilesByName",
  "getFolderById",
  "getFolders",
  "getFoldersByName",
  "getRootFolder",
  "getTrashedFiles",
] as const;

export class FakeDriveApp extends Fake implements Pick<GasDriveApp, (typeof DRIVE_METHODS)[number]> {
  constructor(
    env: Env,
    readonly store: DriveStore,
  ) {
    super(env);
  }
  private root(): FakeFolder {
    return new FakeFolder(this.env, this.store, this.store.folders.get(ROOT_ID)!);
  }
  private files(filter: (f: DriveFileData) => boolean): GoogleAppsScript.Drive.FileIterator {
    const files = [...this.store.files.values()]
      .filter(filter)
      .map((f) => new FakeFile(this.env, this.store, f) as unknown as GasFile);
    return new FakeFileIterator(this.env, files) as unknown as GoogleAppsScript.Drive.FileIterator;
  }
  private folders(filter: (f: DriveFolderData) => boolean): GoogleAppsScript.Drive.FolderIterator {
    const folders = [...this.store.folders.values()]
      .filter((f) => f.id !== ROOT_ID && filter(f))
      .map((f) => new FakeFolder(this.env, this.store, f) as unknown as GasFolder);
    return new FakeFolderIterator(this.env, folders) as unknown as GoogleAppsScript.Drive.FolderIterator;
  }
  createFile(...args: unknown[]): GasFile {
    return (this.root() as unknown as GasFolder).createFile(...(args as [string, string]));
  }
  createFolder(name: string): GasFolder {
    return new FakeFolder(this.env, this.store, this.store.addFolder(String(name))) as unknown as GasFolder;
  }
  getFileById(id: string): GasFile {
    const data = this.store.files.get(String(id));
    if (!data)
      throw this.env.error(
        "No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.",
      );
    return new FakeFile(this.env, this.store, data) as unknown as GasFile;
  }
  getFiles(): GoogleAppsScript.Drive.FileIterator {
    return this.files((f) => !f.trashed);
  }
  getFilesByName(name: string): GoogleAppsScript.Drive.FileIterator {
    return this.files((f) => f.name === name);
  }
  getFolderById(id: string): GasFolder {
    const data = this.store.folders.get(String(id));
    if (!data)
      throw this.env.error(
        "No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.",
      );
    return new FakeFolder(this.env, this.store, data) as unknown as GasFolder;
  }
  getFolders(): GoogleAppsScript.Drive.FolderIterator {
    return this.folders((f) => !f.trashed);
  }
  getFoldersByName(name: string): GoogleAppsScript.Drive.FolderIterator {
    return this.folders((f) => f.name === name);
  }
  getRootFolder(): GasFolder {
    return this.root() as unknown as GasFolder;
  }
  getTrashedFiles(): GoogleAppsScript.Drive.FileIterator {
    return this.files((f) => f.trashed);
  }
}
instrument(FakeDriveApp, "DriveApp", "DriveApp", DRIVE_METHODS);

/** Test-side view of Drive (uncounted). */
export interface DriveControl {
  store: DriveStore;
  /** The one folder with this name (throws when none or several). */
  folderNamed(name: string): DriveFolderData;
  /** Files whose parents include the folder, trashed ones only with `withTrashed`. */
  filesIn(folderId: string, withTrashed?: boolean): DriveFileData[];
}

export function driveControl(store: DriveStore): DriveControl {
  return {
    store,
    folderNamed(name) {
      const found = [...store.folders.values()].filter((f) => f.name === name && !f.trashed);
      if (found.length !== 1) throw new Error(`gas-fake: ${found.length} folders named «${name}»`);
      return found[0];
    },
    filesIn(folderId, withTrashed = false) {
      return [...store.files.values()].filter(
        (f) => f.parents.includes(folderId) && (withTrashed || !f.trashed),
      );
    },
  };
}

/** An Env for the Drive and Docs fakes when a test uses them without createGasFake. */
export function standaloneEnv(): Env {
  return new Env(
    emptyState(100),
    { owner: "owner@school.example", active: "owner@school.example", effective: "owner@school.example" },
    {
      scriptId: "fake-script-id",
      formulaEvaluator: undefined,
      extendedInputParsing: false,
      echoLogs: false,
      htmlFiles: {},
    },
    Date.now,
    () => undefined,
  );
}

/** A DriveApp over a store; `env` defaults to a standalone one. */
export function createDriveFake(env: Env = standaloneEnv(), store = new DriveStore(() => env.now())) {
  return {
    DriveApp: new FakeDriveApp(env, store) as unknown as GasDriveApp,
    drive: driveControl(store),
    env,
    store,
  };
}

/** Adds DriveApp to a fake's globals (before loadScript) and returns the test-side control. */
export function installDriveApp(fake: GasFake, store = new DriveStore(() => fake.env.now())): DriveControl {
  (fake.globals as unknown as Record<string, unknown>).DriveApp = new FakeDriveApp(fake.env, store);
  // The Drive advanced service over the same files (when the manifest enables it): drive-api.ts.
  (fake.globals as unknown as Record<string, unknown>).Drive = driveAdvancedService(fake.env, store);
  // The Drive REST API through UrlFetchApp (a file's bytes with the script's token): drive-api.ts.
  urlFetchOf(fake).routes.push(driveMediaRoute(fake.env, store));
  return driveControl(store);
}
