/// <reference lib="dom" />
/**
 * dist/nastavnichestvo.html: the curator's page. Wires the buttons, file pickers and drop zones to
 * the operations of book.ts; the workbook lives in memory and goes back to the curator's file
 * (File System Access API) or, where the browser cannot write a chosen file, to a download.
 */
import JSZip from "jszip";
import { config as zodConfig } from "zod";
import type { ClockPort, ProgressPort } from "../core/ports";
import { questionnaires } from "../core/questionnaires/schema";
import { roadmapTemplateChoices } from "../core/roadmap/templates";
import { count } from "../core/text";
import {
  DOCUMENT_TITLES,
  type DocumentKind,
  LABOUR_KINDS,
  type MailRequest,
} from "../core/usecases/documents";
import type { PairDecision } from "../core/usecases/matching";
import { pairsCount, placesText, type ReviewCard, type ReviewView } from "../core/usecases/review";
import { PAIR_STATUS } from "../core/workbook/statuses";
import { nodeClock } from "../offline/clock";
import type { XlsxWorkbook } from "../offline/xlsx-workbook";
import {
  approveAll,
  approvePairs,
  bookBytes,
  createBook,
  decide,
  documents,
  importExport,
  match,
  monitoring,
  openBook,
  panel,
  proposedCount,
  reminders,
  review,
  roadmapLoad,
  roadmapPaste,
  roadmapRefresh,
  sendReport,
  summary,
} from "./book";

// The page's policy forbids eval: zod must not even try compiling its checks (a refused attempt
// is a policy violation in the browser's console).
zodConfig({ jitless: true });

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const DEFAULT_NAME = "наставничество.xlsx";
/** At most this many files are downloaded one by one; more go as one .zip. */
const LOOSE_DOWNLOADS = 5;
const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

interface WritableHandle {
  name: string;
  createWritable(): Promise<{ write(data: Blob): Promise<void>; close(): Promise<void> }>;
}
type PickerWindow = Window & {
  showOpenFilePicker?: (o: unknown) => Promise<(WritableHandle & { getFile(): Promise<File> })[]>;
  showSaveFilePicker?: (o: unknown) => Promise<WritableHandle>;
};
const picker = window as PickerWindow;
const PICKER_TYPES = [{ description: "Книга Excel", accept: { [XLSX_TYPE]: [".xlsx"] } }];

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

/** The wall clock of the school's zone; «?today=2026-11-22» pins the day (demonstrations, tests). */
function pageClock(): ClockPort {
  const today = new URLSearchParams(location.search).get("today") ?? undefined;
  return nodeClock("Europe/Moscow", today);
}

const state: {
  wb: XlsxWorkbook | null;
  name: string;
  handle: WritableHandle | null;
  dirty: boolean;
} = { wb: null, name: DEFAULT_NAME, handle: null, dirty: false };

const clock = pageClock();
const progress: ProgressPort = {
  report(message, done, total) {
    $("busy-text").textContent = message;
    const bar = $<HTMLProgressElement>("busy-bar");
    if (done !== undefined && total) bar.value = Math.round((100 * done) / total);
    else bar.removeAttribute("value");
  },
};
const ports = { clock, progress };

const BOOK_BUTTONS = [
  "save",
  "import",
  "match",
  "documents",
  "summary",
  "roadmap-load",
  "roadmap-refresh",
  "monitoring",
  "remind",
  "roadmap-paste-go",
  "labour-docs",
  "send-department",
  "send-monthly",
];
const ACTION_BUTTONS = ["create", "open", "approve", ...BOOK_BUTTONS];

/** Lets the browser draw the progress before a long synchronous step. */
const repaint = () => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));

/** A Russian message for the curator: ours are Russian already; anything else is said in words. */
function describeError(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  if (/[А-Яа-яЁё]/.test(message)) return message.replace(/mentor init/g, "«Создать новую книгу»");
  if (e instanceof Error && e.name === "AbortError") return "Действие отменено.";
  if (e instanceof Error && e.name === "NotAllowedError")
    return "Браузер не разрешил записать файл. Нажмите «Сохранить книгу» и разрешите запись — или сохраните книгу загрузкой.";
  return `Не получилось выполнить действие (${message}). Книга в браузере не изменена этим шагом; сохраните её кнопкой «Сохранить книгу» и попробуйте ещё раз, перезагрузив страницу.`;
}

function showError(text: string | null) {
  const box = $("error");
  box.textContent = text ?? "";
  box.classList.toggle("hidden", !text);
  if (text) box.focus();
}

/** Runs one step with the progress shown and buttons disabled; errors are shown in words. */
async function run(label: string, fn: () => Promise<void> | void): Promise<void> {
  showError(null);
  const busy = $("busy");
  $("busy-text").textContent = label;
  $<HTMLProgressElement>("busy-bar").removeAttribute("value");
  busy.classList.remove("hidden");
  for (const id of ACTION_BUTTONS) $<HTMLButtonElement>(id).disabled = true;
  document.body.setAttribute("aria-busy", "true");
  const started = performance.now();
  try {
    await repaint();
    await fn();
  } catch (e) {
    showError(describeError(e));
  } finally {
    busy.classList.add("hidden");
    document.body.removeAttribute("aria-busy");
    (window as unknown as { __lastStepMs: number }).__lastStepMs = performance.now() - started;
    refresh();
  }
}

function refresh() {
  const open = state.wb !== null;
  $<HTMLButtonElement>("create").disabled = false;
  $<HTMLButtonElement>("open").disabled = false;
  for (const id of BOOK_BUTTONS) $<HTMLButtonElement>(id).disabled = !open;
  $("book-name").textContent = open
    ? `Открыта книга «${state.name}»${state.handle ? " — изменения сохраняются в этот файл." : "."}`
    : "Книга не открыта.";
  $("save-note").textContent = !open
    ? ""
    : state.dirty
      ? state.handle
        ? "Есть несохранённые изменения."
        : "Изменения ещё не сохранены в файл: нажмите «Сохранить книгу» — браузер запишет книгу в выбранный файл или скачает её в папку загрузок; замените ею прежнюю книгу."
      : "Все изменения сохранены.";
  renderPanel();
  renderCards();
}

/** The page's button for each action of the curator's panel that the page has. */
const PANEL_BUTTONS: Partial<Record<string, string>> = {
  init: "create",
  match: "match",
  review: "cards",
  approve: "approve",
  order: "documents",
  programs: "documents",
  analysis: "documents",
  report: "documents",
  monitoring: "monitoring",
  summary: "summary",
  roadmapRefresh: "roadmap-refresh",
};

/** The buttons of a card, as the matching sidebar offers them for a proposed or a rejected pair. */
function cardActions(status: string, keep: boolean): [PairDecision, string][] {
  const out: [PairDecision, string][] =
    status === PAIR_STATUS.proposed
      ? [
          ["approve", "Утвердить"],
          ["reject", "Отклонить"],
        ]
      : [["restore", "Вернуть в предложенные"]];
  if (status === PAIR_STATUS.proposed)
    out.push(keep ? ["unlock", "Разрешить менять при переподборе"] : ["lock", "Не менять при переподборе"]);
  return out;
}

/** The sidebar's colour of a score: under half of the maximum is weak, under 70 % middling. */
function scoreClass(score: number, max: number): string {
  const share = max > 0 ? score / max : 1;
  return share < 0.5 ? "score weak" : share < 0.7 ? "score middle" : "score";
}

function cardButton(c: ReviewCard, decision: PairDecision, caption: string): HTMLButtonElement {
  const b = document.createElement("button");
  b.type = "button";
  b.className = decision === "approve" ? "" : "secondary";
  b.textContent = caption;
  b.setAttribute("aria-label", `${caption}: ${c.pairId}, ${c.mentor} и ${c.mentee}`);
  b.dataset.pair = c.pairId;
  b.dataset.decision = decision;
  b.addEventListener("click", () => {
    if (
      decision === "forbid" &&
      !confirm(`Запретить пару ${c.mentor} — ${c.mentee}? Подбор больше никогда не предложит её.`)
    )
      return;
    void run("Записываю решение…", async () => {
      $("match-result").textContent = decide(state.wb!, c.pairId, decision, ports);
      await saveInPlace();
    });
  });
  return b;
}

/** The cards the form filter shows, weakest first (the order of the review view). */
function shownCards(view: ReviewView): ReviewCard[] {
  const form = $<HTMLSelectElement>("cards-form").value;
  return view.cards.filter((c) => form === "" || c.form === form);
}

function renderCards() {
  const list = $("cards");
  const filter = $<HTMLSelectElement>("cards-form");
  list.replaceChildren();
  const view: ReviewView = state.wb ? review(state.wb) : { cards: [], mentors: [], forms: [] };
  const current = filter.value;
  filter.replaceChildren(new Option("все формы", ""));
  for (const f of view.forms) filter.append(new Option(f, f));
  filter.value = view.forms.includes(current) ? current : "";
  filter.disabled = view.forms.length < 2;
  const cards = shownCards(view);
  const proposed = cards.filter((c) => c.status === PAIR_STATUS.proposed).length;
  const approve = $<HTMLButtonElement>("approve");
  approve.textContent = `${filter.value ? "Утвердить показанные" : "Утвердить все предложенные"} (${proposed})…`;
  approve.disabled = !state.wb || proposed === 0;
  $("cards-h").textContent = view.cards.length
    ? `Пары на проверке: ${cards.length}${filter.value ? ` (форма «${filter.value}»)` : ""} — сначала слабые`
    : "Пары на проверке: пока нет";
  const places = new Map(view.mentors.map((m) => [m.id, placesText(m)]));
  for (const c of cards) {
    const li = document.createElement("li");
    li.className = `card${c.status === PAIR_STATUS.rejected ? " rejected" : ""}`;
    li.dataset.pair = c.pairId;
    const head = document.createElement("p");
    const names = document.createElement("span");
    names.className = "names";
    names.textContent = c.mentee;
    const score = document.createElement("span");
    score.className = scoreClass(c.score, c.scoreMax);
    score.textContent = `балл ${c.score} из ${c.scoreMax}`;
    head.append(names, score);
    const sub = document.createElement("p");
    sub.className = "note sub";
    sub.textContent = `наставник ${c.mentor} (${places.get(c.mentorId) ?? ""}) · ${c.form}${c.keep ? " · не менять при переподборе" : ""}`;
    if (c.status === PAIR_STATUS.rejected) {
      const chip = document.createElement("span");
      chip.className = "chip";
      chip.textContent = "отклонена";
      sub.append(" ", chip);
    }
    // The one-line reason opens the details: the points by criterion and «Запретить пару».
    const more = document.createElement("details");
    const reason = document.createElement("summary");
    reason.className = "reason";
    reason.textContent = c.reason || "Подробнее";
    const ul = document.createElement("ul");
    for (const d of c.details) {
      const item = document.createElement("li");
      item.textContent = d;
      ul.append(item);
    }
    const id = document.createElement("p");
    id.className = "note";
    id.textContent = `ID пары: ${c.pairId}. Запрещённую пару подбор больше никогда не предложит.`;
    more.append(reason, ul, id, cardButton(c, "forbid", "Запретить пару"));
    li.append(head, sub, more);
    for (const [decision, caption] of cardActions(c.status, c.keep))
      li.append(cardButton(c, decision, caption));
    list.append(li);
  }
}

function renderPanel() {
  const steps = $("panel-steps");
  const warnings = $("panel-warnings");
  steps.replaceChildren();
  warnings.replaceChildren();
  if (!state.wb) return;
  const model = panel(state.wb, clock);
  $("panel-heading").textContent = `${model.heading} · ${model.today}`;
  const next = $("panel-next");
  next.textContent = `Следующее действие: ${model.next.text}`;
  const target = model.next.action ? PANEL_BUTTONS[model.next.action.key] : undefined;
  if (target && model.next.action) {
    const b = document.createElement("button");
    b.type = "button";
    b.id = "panel-go";
    b.textContent = model.next.action.caption;
    b.addEventListener("click", () => {
      const el = $(target);
      if (el instanceof HTMLButtonElement) el.click();
      else el.querySelector("button")?.focus();
    });
    next.append(" ", b);
  }
  for (const s of model.steps) {
    const li = document.createElement("li");
    li.className = s.state;
    li.textContent = `${s.title}${s.state === "done" ? " (сделано)" : s.state === "now" ? " (сейчас)" : ""} — ${s.facts}`;
    steps.append(li);
  }
  for (const w of model.warnings) {
    const li = document.createElement("li");
    li.textContent = w.text;
    warnings.append(li);
  }
}

function download(bytes: Uint8Array, name: string, type: string) {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Back to the curator's file when the browser let us write it; otherwise only marked unsaved. */
async function saveInPlace(): Promise<void> {
  state.dirty = true;
  if (!state.handle || !state.wb) return;
  progress.report("Сохраняю книгу…");
  const bytes = await bookBytes(state.wb);
  const w = await state.handle.createWritable();
  await w.write(new Blob([bytes as BlobPart], { type: XLSX_TYPE }));
  await w.close();
  state.dirty = false;
}

async function save(): Promise<void> {
  if (!state.wb) return;
  if (!state.handle && picker.showSaveFilePicker) {
    try {
      state.handle = await picker.showSaveFilePicker({ suggestedName: state.name, types: PICKER_TYPES });
      state.name = state.handle.name;
    } catch (e) {
      if (e instanceof Error && e.name === "AbortError") return;
      state.handle = null;
    }
  }
  if (state.handle) return saveInPlace();
  download(await bookBytes(state.wb), state.name, XLSX_TYPE);
  state.dirty = false;
  $("save-note").textContent = "";
  setTimeout(() => {
    $("save-note").textContent =
      `Книга скачана как «${state.name}» в папку загрузок. Этот браузер не умеет записывать в выбранный файл: замените скачанной книгой прежнюю.`;
  }, 0);
}

async function openFile(file: File, handle: WritableHandle | null = null): Promise<void> {
  if (!/\.xlsx$/i.test(file.name))
    throw new Error(
      `Файл «${file.name}» — не книга .xlsx. Откройте книгу программы (.xlsx); выгрузки ответов анкет перетащите в раздел «Ответы анкет».`,
    );
  const bytes = new Uint8Array(await file.arrayBuffer());
  state.wb = await openBook(bytes, file.name, ports);
  state.name = file.name;
  state.handle = handle;
  state.dirty = false;
}

async function importFiles(files: File[]): Promise<void> {
  if (!state.wb) throw new Error("Сначала создайте или откройте книгу программы (раздел 1).");
  const form = $<HTMLSelectElement>("form-select").value || null;
  const box = $("import-result");
  box.replaceChildren();
  let i = 0;
  for (const file of files) {
    progress.report(`Загружаю «${file.name}» (${++i} из ${files.length})…`, i - 1, files.length);
    await repaint();
    const bytes = new Uint8Array(await file.arrayBuffer());
    const r = await importExport(state.wb, bytes, file.name, form, ports);
    const p = document.createElement("pre");
    p.textContent = `«${file.name}»: ${r.message}${r.warnings.map((w) => `\nПредупреждение: ${w}`).join("")}`;
    box.append(p);
    if (r.journal.length) {
      const head = document.createElement("p");
      head.textContent = `Записано в «Журнал»: ${count(r.journal.length, "строка", "строки", "строк")}`;
      const ul = document.createElement("ul");
      ul.className = "rejects";
      for (const line of r.journal) {
        const li = document.createElement("li");
        li.textContent = line;
        ul.append(li);
      }
      box.append(head, ul);
    }
  }
  await saveInPlace();
}

function dropZone(id: string, onFiles: (files: File[]) => void, onActivate: () => void) {
  const zone = $(id);
  zone.addEventListener("dragover", (e) => {
    e.preventDefault();
    zone.classList.add("over");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (e) => {
    e.preventDefault();
    zone.classList.remove("over");
    const files = [...(e.dataTransfer?.files ?? [])];
    if (files.length) onFiles(files);
  });
  // A button: Enter and Space choose files as a click does.
  zone.addEventListener("click", onActivate);
}

function programsZipName(folder: string): string {
  return `Программы наставничества ${folder}.zip`;
}

function wire() {
  const select = $<HTMLSelectElement>("form-select");
  for (const q of questionnaires()) {
    const o = document.createElement("option");
    o.value = q.key;
    o.textContent = q.title;
    select.append(o);
  }
  // A file dropped outside the zones must not replace the page.
  window.addEventListener("dragover", (e) => e.preventDefault());
  window.addEventListener("drop", (e) => e.preventDefault());

  $("create").addEventListener("click", () => {
    if (
      state.wb &&
      state.dirty &&
      !confirm("В открытой книге есть несохранённые изменения. Создать новую книгу?")
    )
      return;
    void run("Создаю книгу из шаблонов…", async () => {
      const { wb, message } = createBook(ports);
      state.wb = wb;
      state.name = DEFAULT_NAME;
      state.handle = null;
      state.dirty = true;
      $("save-note").textContent = message;
    });
  });

  const openInput = $<HTMLInputElement>("open-input");
  const chooseBook = () => {
    if (picker.showOpenFilePicker) {
      void run("Открываю книгу…", async () => {
        let handles: Awaited<ReturnType<NonNullable<PickerWindow["showOpenFilePicker"]>>>;
        try {
          handles = await picker.showOpenFilePicker!({ types: PICKER_TYPES, multiple: false });
        } catch (e) {
          if (e instanceof Error && e.name === "AbortError") return;
          throw e;
        }
        await openFile(await handles[0].getFile(), handles[0]);
      });
    } else openInput.click();
  };
  $("open").addEventListener("click", chooseBook);
  openInput.addEventListener("change", () => {
    const file = openInput.files?.[0];
    if (file) void run("Открываю книгу…", () => openFile(file));
    openInput.value = "";
  });
  dropZone("book-drop", (files) => void run("Открываю книгу…", () => openFile(files[0])), chooseBook);

  $("save").addEventListener("click", () => void run("Сохраняю книгу…", save));

  const importInput = $<HTMLInputElement>("import-input");
  const chooseExports = () => importInput.click();
  $("import").addEventListener("click", chooseExports);
  importInput.addEventListener("change", () => {
    const files = [...(importInput.files ?? [])];
    if (files.length) void run("Загружаю ответы…", () => importFiles(files));
    importInput.value = "";
  });
  dropZone("import-drop", (files) => void run("Загружаю ответы…", () => importFiles(files)), chooseExports);

  $("match").addEventListener("click", () =>
    run("Подбираю пары…", async () => {
      $("match-result").textContent = `${match(state.wb!, ports)}\nПредложения — на листе «Пары» книги.`;
      await saveInPlace();
    }),
  );
  $("cards-form").addEventListener("change", () => renderCards());
  $("approve").addEventListener("click", () => {
    const form = $<HTMLSelectElement>("cards-form").value;
    const ids = form
      ? shownCards(review(state.wb!))
          .filter((c) => c.status === PAIR_STATUS.proposed)
          .map((c) => c.pairId)
      : [];
    const n = form ? ids.length : proposedCount(state.wb!);
    if (
      !confirm(
        `Утвердить ${form ? `показанные (форма «${form}»)` : "все предложенные"}: ${pairsCount(n)}? Отменить утверждение можно только на листе «Пары».`,
      )
    )
      return;
    void run("Утверждаю пары…", async () => {
      $("match-result").textContent = form
        ? approvePairs(state.wb!, ids, ports)
        : approveAll(state.wb!, ports);
      await saveInPlace();
    });
  });
  const labourKind = $<HTMLSelectElement>("labour-kind");
  labourKind.append(new Option("все документы наставников", ""));
  for (const k of LABOUR_KINDS) labourKind.append(new Option(DOCUMENT_TITLES[k], k));
  $("labour-docs").addEventListener("click", () =>
    run("Создаю документы наставников…", async () => {
      const kinds: DocumentKind[] = labourKind.value ? [labourKind.value as DocumentKind] : LABOUR_KINDS;
      const made = await documents(state.wb!, ports, kinds);
      // A browser drops a burst of downloads (Chromium keeps about ten): many files go as one .zip.
      const zipName = `Документы наставников ${made.folder}.zip`;
      if (made.files.length > LOOSE_DOWNLOADS) {
        const zip = new JSZip();
        for (const f of made.files) zip.file(f.name, f.bytes);
        download(await zip.generateAsync({ type: "uint8array" }), zipName, "application/zip");
      } else for (const f of made.files) download(f.bytes, f.name, DOCX_TYPE);
      const n = count(made.files.length, "документ", "документа", "документов");
      $("docs-result").textContent =
        `${made.message}\n` +
        (made.files.length === 0
          ? "Ничего не скачано."
          : made.files.length > LOOSE_DOWNLOADS
            ? `Скачано в папку загрузок архивом «${zipName}»: ${n} .docx.`
            : `Скачано в папку загрузок: ${n} .docx.`);
      await saveInPlace();
    }),
  );
  const mail = (label: string, req: MailRequest, what: string) =>
    run(label, async () => {
      const r = await sendReport(state.wb!, ports, req);
      for (const l of r.letters) download(new TextEncoder().encode(l.text), l.name, "message/rfc822");
      $("mail-result").textContent = r.sent
        ? `${what}: письмо скачано файлом «${r.letters[r.letters.length - 1].name}» — откройте его в почтовой программе и отправьте. Документы — во вложении письма.`
        : r.message;
      await saveInPlace();
    });
  $("send-department").addEventListener("click", () =>
    mail(
      "Готовлю отчёт…",
      { recipient: "department", kind: "report" },
      "Отчёт в орган управления образованием",
    ),
  );
  $("send-monthly").addEventListener("click", () =>
    mail(
      "Готовлю письмо директору…",
      { recipient: "director", kind: "monthly" },
      "Ежемесячная сводка директору",
    ),
  );
  $("documents").addEventListener("click", () =>
    run("Создаю документы…", async () => {
      const made = await documents(state.wb!, ports);
      const programs = made.files.filter((f) => f.kind === "program");
      for (const f of made.files.filter((f) => f.kind !== "program")) download(f.bytes, f.name, DOCX_TYPE);
      if (programs.length) {
        const zip = new JSZip();
        for (const f of programs) zip.file(f.name, f.bytes);
        download(
          await zip.generateAsync({ type: "uint8array" }),
          programsZipName(made.folder),
          "application/zip",
        );
      }
      const n = made.files.length;
      $("docs-result").textContent =
        `${made.message}\nСкачано: ${count(n, "документ", "документа", "документов")}` +
        (programs.length ? ` (программы пар — архивом «${programsZipName(made.folder)}»)` : "") +
        ".";
      await saveInPlace();
    }),
  );
  $("summary").addEventListener("click", () =>
    run("Обновляю сводку…", async () => {
      $("summary-result").textContent = summary(state.wb!, ports);
      await saveInPlace();
    }),
  );
  const roadmapSelect = $<HTMLSelectElement>("roadmap-select");
  for (const t of roadmapTemplateChoices()) {
    const o = document.createElement("option");
    o.value = t.id;
    o.textContent = `${t.title} (мероприятий: ${t.events})`;
    roadmapSelect.append(o);
  }
  const yearStep = (label: string, fn: () => string) =>
    run(label, async () => {
      $("year-result").textContent = fn();
      await saveInPlace();
    });
  $("roadmap-load").addEventListener("click", () =>
    yearStep("Добавляю мероприятия…", () => roadmapLoad(state.wb!, roadmapSelect.value, ports)),
  );
  $("roadmap-paste-go").addEventListener("click", () =>
    yearStep("Добавляю мероприятия из таблицы…", () => {
      const box = $<HTMLTextAreaElement>("roadmap-paste");
      const text = roadmapPaste(state.wb!, box.value, ports);
      box.value = "";
      return text;
    }),
  );
  $("roadmap-refresh").addEventListener("click", () =>
    yearStep("Обновляю дорожную карту…", () => roadmapRefresh(state.wb!, ports)),
  );
  $("monitoring").addEventListener("click", () =>
    yearStep("Пересчитываю мониторинг…", () => monitoring(state.wb!, ports)),
  );
  $("remind").addEventListener("click", () =>
    run("Готовлю напоминания…", async () => {
      const r = reminders(state.wb!, ports, false);
      if (r.letters.length) {
        const zip = new JSZip();
        for (const l of r.letters) zip.file(l.name, l.text);
        download(await zip.generateAsync({ type: "uint8array" }), "Напоминания.zip", "application/zip");
      }
      $("year-result").textContent =
        `${r.message}\n` +
        (r.letters.length
          ? `Письма (${r.letters.length}) скачаны архивом «Напоминания.zip»: откройте файлы .eml в почтовой программе и отправьте.`
          : "Писем нет.");
      await saveInPlace();
    }),
  );
  window.addEventListener("beforeunload", (e) => {
    if (state.wb && state.dirty) e.preventDefault();
  });
  refresh();
  document.documentElement.dataset.ready = "true";
}

wire();
