import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { Table } from "../../src/core/workbook/table";
import { run } from "../../src/offline/cli";
import { buildEml, encodeHeaderValue, OutboxMailer, rfc5322Date } from "../../src/offline/outbox";
import { XlsxWorkbook } from "../../src/offline/xlsx-workbook";

// ---------------------------------------------------------------------------------------------
// A small RFC 5322 / MIME reader, enough to read the outbox back

interface Part {
  headers: Record<string, string>;
  body: string;
}

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?UTF-8\?B\?([^?]*)\?=/gi, (_all, b64: string) => Buffer.from(b64, "base64").toString("utf8"));
}

function parsePart(text: string): Part {
  const split = text.indexOf("\r\n\r\n");
  const head = split < 0 ? text : text.slice(0, split);
  const body = split < 0 ? "" : text.slice(split + 4);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r\n[ \t]/g, " ").split("\r\n")) {
    const i = line.indexOf(":");
    headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  return { headers, body };
}

function multipart(p: Part): Part[] {
  const boundary = /boundary="([^"]+)"/.exec(p.headers["content-type"])?.[1];
  if (!boundary) throw new Error("no boundary");
  const chunks = p.body.split(`--${boundary}`);
  expect(chunks.at(-1)?.startsWith("--")).toBe(true);
  return chunks.slice(1, -1).map((c) => parsePart(c.replace(/^\r\n/, "").replace(/\r\n$/, "")));
}

function decodedBody(p: Part): Buffer {
  expect(p.headers["content-transfer-encoding"]).toBe("base64");
  for (const line of p.body.split("\r\n")) expect(line.length).toBeLessThanOrEqual(76);
  return Buffer.from(p.body.replace(/\r\n/g, ""), "base64");
}

// ---------------------------------------------------------------------------------------------

let dir: string;
let file: string;
let outbox: string;
const out: string[] = [];
const mentor = async (...argv: string[]) => {
  out.length = 0;
  const code = await run([...argv, "--file", file, "--quiet"], (s) => out.push(s));
  return { code, text: out.join("") };
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "mentor-roadmap-"));
  file = join(dir, "школа.xlsx");
  outbox = join(dir, "исходящие");
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("mentor roadmap", () => {
  test("load without an id lists the templates; an unknown id is refused", async () => {
    const list = await mentor("roadmap", "load");
    expect(list.code).toBe(0);
    expect(list.text).toContain(
      "school-general — Дорожная карта внедрения целевой модели наставничества в школе",
    );
    const bad = await mentor("roadmap", "load", "нет-такого");
    expect(bad.code).toBe(2);
  });

  test("load creates the workbook, fills «Дорожная карта» and its conditional formats", async () => {
    const r = await mentor("roadmap", "load", "school-general", "--today", "01.09.2026");
    expect(r.code).toBe(0);
    expect(r.text).toContain("Книга создана из шаблонов.");
    expect(r.text).toContain("Добавлено 31 мероприятие");
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const ws = book.getWorksheet("Дорожная карта")!;
    const formulas = (
      ws as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }
    ).conditionalFormattings.flatMap((cf) =>
      cf.rules.flatMap((rule) => ("formulae" in rule ? rule.formulae : [])),
    );
    expect(formulas).toContain('AND(N("Наставничество")=0,$L3="выполнено")');
    expect(formulas.some((f) => String(f).includes("$G3<=TODAY()+7"))).toBe(true);
  });

  test("import reads a Windows-1251 text file pasted from Word", async () => {
    const tsv = [
      "№\tМероприятие\tСрок\tОтветственный\tРезультат",
      "1\tПровести педагогический совет\tдо 20.11.2026\tДиректор\tПротокол",
      "2\tОрганизовать обучение\tноябрь - декабрь\tКуратор\t",
      "\tнаставников\t\t\t",
    ].join("\r\n");
    const path = join(dir, "дорожная карта.txt");
    writeFileSync(path, iconv.encode(tsv, "win1251"));
    const r = await mentor("roadmap", "import", path, "--today", "01.09.2026");
    expect(r.code).toBe(0);
    expect(r.text).toContain("Добавлено 2 мероприятия");
    const wb = await XlsxWorkbook.load(file);
    const rows = Table.load(wb, "roadmap")
      .records()
      .map((x) => x.values);
    expect(rows.at(-1)).toMatchObject({
      event: "Организовать обучение наставников",
      deadline_text: "ноябрь - декабрь",
    });
    expect(rows.at(-2)).toMatchObject({ event: "Провести педагогический совет", responsible: "Директор" });
  });

  test("refresh follows --today", async () => {
    const r = await mentor("roadmap", "refresh", "--today", "23.11.2026");
    expect(r.code).toBe(0);
    expect(r.text).toMatch(/Дорожная карта: 33 мероприятия — .*просрочено \d+/);
  });
});

describe("mentor remind", () => {
  beforeAll(async () => {
    const wb = await XlsxWorkbook.load(file);
    const settings = Table.load(wb, "settings");
    settings.set(settings.find("key", "curator_email"), "value", "kurator@school.ru");
    settings.set(settings.find("key", "director_email"), "value", "director@school.ru");
    settings.flush(wb);
    const roadmap = Table.load(wb, "roadmap");
    for (const r of roadmap.rowIndexes())
      if (
        /наставник/i.test(String(roadmap.get(r, "responsible"))) &&
        !/куратор/i.test(String(roadmap.get(r, "responsible")))
      )
        roadmap.set(r, "responsible_email", "mentor@school.ru");
    roadmap.flush(wb);
    await wb.save(file);
  });

  test("writes one .eml per digest that parses back: headers and the Russian body", async () => {
    const r = await mentor("remind", "--outbox", outbox, "--today", "23.11.2026");
    expect(r.code).toBe(0);
    const files = readdirSync(outbox)
      .filter((f) => f.endsWith(".eml"))
      .sort();
    expect(r.text).toContain(`Письма (${files.length})`);
    expect(files.length).toBeGreaterThanOrEqual(2);
    const messages = files.map((f) => parsePart(readFileSync(join(outbox, f), "utf8")));
    const to = messages.map((m) => m.headers.to).sort();
    expect(to).toContain("kurator@school.ru");
    expect(to).toContain("director@school.ru");
    for (const m of messages) {
      expect(m.headers.date).toBe("Mon, 23 Nov 2026 09:00:00 +0300");
      expect(m.headers["message-id"]).toMatch(/^<[^<>@\s]+@nastavnichestvo\.local>$/);
      expect(m.headers["mime-version"]).toBe("1.0");
      expect(m.headers["content-type"]).toBe("text/plain; charset=UTF-8");
      expect(decodeWords(m.headers.from)).toBe("Наставничество <noreply@nastavnichestvo.local>");
      expect(decodeWords(m.headers.subject)).toMatch(/^Наставничество: сроки дорожной карты/);
      const body = decodedBody(m).toString("utf8");
      expect(body).toMatch(/^Здравствуйте!\r\n/);
      expect(body).toContain("Статус: просрочено");
    }
    expect(new Set(messages.map((m) => m.headers["message-id"])).size).toBe(messages.length);
    const curator = messages.find((m) => m.headers.to === "kurator@school.ru")!;
    expect(decodeWords(curator.headers.subject)).toBe(
      "Наставничество: сроки дорожной карты — сводка для куратора",
    );
    const body = decodedBody(curator).toString("utf8");
    expect(body).toContain("Сводка по дорожной карте наставничества на 23.11.2026 (учебный год 2026/2027).");
    expect(body).toContain("Ответственные без адреса электронной почты");
    const director = messages.find((m) => m.headers.to === "director@school.ru")!;
    expect(decodedBody(director).toString("utf8")).toContain("Провести педагогический совет");

    // the sends are in «Журнал» of the saved workbook
    const wb = await XlsxWorkbook.load(file);
    const lines = Table.load(wb, "log")
      .records()
      .map((x) => x.values)
      .filter((x) => x.operation === "Напоминание" && x.level === "информация");
    expect(lines).toHaveLength(files.length);
  });

  test("the same day again writes nothing new", async () => {
    const before = readdirSync(outbox).length;
    const r = await mentor("remind", "--outbox", outbox, "--today", "23.11.2026", "--curator");
    expect(r.code).toBe(0);
    expect(r.text).toContain("отправлено писем 0");
    expect(readdirSync(outbox)).toHaveLength(before);
  });

  test("--quota 0 writes nothing and says why", async () => {
    const other = join(dir, "пусто");
    const r = await mentor("remind", "--outbox", other, "--today", "24.11.2026", "--quota", "0");
    expect(r.code).toBe(0);
    expect(r.text).toContain("отложено из-за квоты");
    expect(r.text).toContain("Не хватает дневной квоты писем");
  });
});

describe("OutboxMailer", () => {
  test("attachments and an HTML body as multipart/mixed with base64 parts", () => {
    const box = join(dir, "вложения");
    const clock = { now: () => new Date(Date.UTC(2026, 11, 31, 23, 59, 58)) };
    const mailer = new OutboxMailer({ dir: box, quota: 2, clock, timeZone: "Asia/Yekaterinburg" });
    const pdf = new Uint8Array(300).map((_, i) => (i * 37) % 256);
    mailer.send({
      to: ["director@school.ru"],
      subject: "Наставничество: аналитическая справка за 2026/2027 учебный год — итоги мониторинга программы",
      body: "Добрый день!\nВо вложении — справка.",
      htmlBody: "<p>Добрый день!</p>",
      attachments: [
        { name: "Справка (итоги).pdf", mimeType: "application/pdf", bytes: pdf },
        { name: "report.csv", mimeType: "text/csv", bytes: new TextEncoder().encode("a;b\n1;2\n") },
      ],
    });
    expect(mailer.remainingQuota()).toBe(1);
    const [path] = mailer.files;
    const raw = readFileSync(path, "utf8");
    expect(raw).not.toMatch(/[^\r]\n/);
    const msg = parsePart(raw);
    expect(msg.headers.date).toBe("Thu, 31 Dec 2026 23:59:58 +0500");
    for (const line of raw.split("\r\n")) expect(line.length).toBeLessThanOrEqual(998);
    expect(decodeWords(msg.headers.subject)).toBe(
      "Наставничество: аналитическая справка за 2026/2027 учебный год — итоги мониторинга программы",
    );
    expect(msg.headers["content-type"]).toMatch(/^multipart\/mixed; boundary="/);
    const parts = multipart(msg);
    expect(parts).toHaveLength(3);
    const alt = multipart(parts[0]);
    expect(alt.map((p) => p.headers["content-type"])).toEqual([
      "text/plain; charset=UTF-8",
      "text/html; charset=UTF-8",
    ]);
    expect(decodedBody(alt[0]).toString("utf8")).toBe("Добрый день!\r\nВо вложении — справка.");
    expect(decodedBody(alt[1]).toString("utf8")).toBe("<p>Добрый день!</p>");
    const [att, csv] = [parts[1], parts[2]];
    expect(att.headers["content-type"]).toMatch(/^application\/pdf; name="=\?UTF-8\?B\?/);
    expect(decodeWords(/filename="([^"]+)"/.exec(att.headers["content-disposition"])![1])).toBe(
      "Справка (итоги).pdf",
    );
    expect(decodeURIComponent(/filename\*=UTF-8''(\S+)/.exec(att.headers["content-disposition"])![1])).toBe(
      "Справка (итоги).pdf",
    );
    expect([...decodedBody(att)]).toEqual([...pdf]);
    expect(csv.headers["content-disposition"]).toBe('attachment; filename="report.csv"');
    expect(decodedBody(csv).toString("utf8")).toBe("a;b\n1;2\n");

    expect(() => mailer.send({ to: ["a@b.ru", "c@d.ru"], subject: "x", body: "y" })).toThrow(/квота/);
    expect(() => mailer.send({ to: ["не адрес"], subject: "x", body: "y" })).toThrow(/адрес/);
  });

  test("header helpers", () => {
    expect(encodeHeaderValue("Plain subject")).toBe("Plain subject");
    const encoded = encodeHeaderValue("Ё".repeat(40));
    for (const word of encoded.split("\r\n ")) expect(word.length).toBeLessThanOrEqual(75);
    expect(decodeWords(encoded)).toBe("Ё".repeat(40));
    expect(rfc5322Date(new Date(Date.UTC(2026, 0, 5, 7, 3, 9)), -90)).toBe("Mon, 5 Jan 2026 07:03:09 -0130");
    const eml = buildEml(
      { to: ["a@b.ru"], subject: "Тест", body: "Строка" },
      { date: "d", messageId: "<x@y>", from: "f <f@y>", boundary: "b" },
    );
    expect(eml.endsWith("\r\n")).toBe(true);
  });
});
