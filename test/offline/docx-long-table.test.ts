/**
 * A long table in a .docx is rendered piece by piece (issue 15, item 6: the order for 5,000 pairs
 * took 1.3 GB through the docx package at once). The document's XML is the same as rendering it
 * whole: two tables of 640 and 260 rows (with caption rows, bold and aligned cells) between
 * paragraphs give byte-identical word/document.xml both ways.
 */
import { Packer } from "docx";
import JSZip from "jszip";
import { heading, newDocument, paragraph, type TableRowModel, table } from "../../src/core/documents/model";
import { renderDocx, TABLE_CHUNK_ROWS, toDocx } from "../../src/offline/docx";

async function documentXml(buffer: Buffer): Promise<string> {
  return (await JSZip.loadAsync(buffer)).file("word/document.xml")!.async("string");
}

function rows(n: number, tag: string): TableRowModel[] {
  return Array.from({ length: n }, (_, i) =>
    i % 97 === 5
      ? { span: `Группа ${tag}-${i}` }
      : {
          cells: [
            { text: String(i + 1), align: "center" as const },
            { text: `Наставник ${tag} ${i} & <компания>`, bold: i % 3 === 0 },
            { text: `Наставляемый ${i}`, italic: i % 5 === 0 },
          ],
        },
  );
}

test("a long table renders piece by piece into the same document XML", async () => {
  const doc = newDocument("Приказ о закреплении пар");
  const columns = [
    { header: "№", width: 1 },
    { header: "Наставник", width: 4 },
    { header: "Наставляемый", width: 4 },
  ];
  doc.blocks.push(
    heading(1, "Приказ"),
    paragraph("Закрепить пары:"),
    table(columns, rows(640, "a")),
    paragraph("и группы:"),
    table(columns, rows(260, "b"), { size: 10 }),
    paragraph("Контроль оставляю за собой."),
  );
  expect(640).toBeGreaterThan(2 * TABLE_CHUNK_ROWS);
  const whole = await documentXml(await Packer.toBuffer(toDocx(doc)));
  const pieces = await documentXml(await renderDocx(doc));
  expect(pieces.length).toBe(whole.length);
  expect(pieces === whole).toBe(true);
}, 120_000);
