/** Injected by scripts/build-page.mjs: the page's Buffer (iconv-lite and the CSV reader use Node's Buffer). */
// biome-ignore lint/style/useNodejsImportProtocol: the npm package «buffer», Node's Buffer for browsers.
export { Buffer } from "buffer";
