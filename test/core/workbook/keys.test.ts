import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const root = join(__dirname, "../../..");

describe("keys.generated.ts", () => {
  test("is what scripts/gen-keys.mjs makes of sheets-templates/workbook.json now", () => {
    const run = spawnSync(process.execPath, [join(root, "scripts/gen-keys.mjs"), "--stdout"], {
      cwd: root,
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const committed = readFileSync(join(root, "src/core/workbook/keys.generated.ts"), "utf8");
    // A template change without `node scripts/gen-keys.mjs` (or `npm run build`) fails here.
    expect(committed).toBe(run.stdout);
  });
});
