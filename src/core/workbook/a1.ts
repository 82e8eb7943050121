/** A1 notation helpers shared by every runtime. */

/** Column letters of a 0-based column: 0 → «A», 25 → «Z», 27 → «AB». */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
