// Jest transformer: TypeScript -> CommonJS with esbuild (no TypeScript JavaScript API needed).
const esbuild = require("esbuild");

module.exports = {
  process(source, filename) {
    const out = esbuild.transformSync(source, {
      loader: "ts",
      format: "cjs",
      target: "node20",
      sourcemap: "inline",
      sourcefile: filename,
    });
    return { code: out.code };
  },
};
