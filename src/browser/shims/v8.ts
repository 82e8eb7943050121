/** node:v8 in the page: the browser tells no heap limit; the tab's memory is the browser's to manage. */
export function getHeapStatistics(): { heap_size_limit: number; used_heap_size: number } {
  return { heap_size_limit: Number.MAX_SAFE_INTEGER, used_heap_size: 0 };
}

/** node:v8's flags: the page sets none (src/offline/memory.ts falls back to no forced collection). */
export function setFlagsFromString(_flags: string): void {}
