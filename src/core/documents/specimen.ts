import {
  bold,
  type DocumentModel,
  heading,
  italic,
  list,
  newDocument,
  pageBreak,
  paragraph,
  row,
  signature,
  splitLine,
  table,
} from "./model";

/** A specimen with one block of every kind on a landscape page: for checking a renderer. */
export function specimen(): DocumentModel {
  const doc = newDocument("Проверка", {
    size: "A4",
    orientation: "landscape",
    margins: { top: 20, right: 15, bottom: 20, left: 30 },
  });
  doc.blocks.push(
    heading(1, "Заголовок"),
    paragraph([
      "Обычный, ",
      bold("жирный"),
      ", ",
      italic("курсив"),
      ", ",
      { text: "подчёркнутый", underline: true },
    ]),
    list(true, ["первый", "второй"]),
    paragraph("между списками"),
    list(true, ["снова первый"]),
    list(false, ["пункт"]),
    table(
      [
        { header: "№", width: 10 },
        { header: "Текст", width: 60 },
        { header: "Число", width: 30, align: "right" },
      ],
      [{ span: "Группа 1" }, row(["1", "а", "10"]), { span: "Группа 2" }, row(["2", "б", "20"])],
    ),
    splitLine("слева", "справа"),
    pageBreak(),
    signature([{ position: "Директор", name: "Баева С.Н." }]),
  );
  return doc;
}
