/** node:util in the page: the browser's own TextDecoder. */
export const TextDecoder = globalThis.TextDecoder;
