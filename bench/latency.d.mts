/** Types of bench/latency.mjs for the TypeScript side of the benchmark. */
export declare const SERVICE_MS: Record<string, number>;
export declare const METHOD_MS: Record<string, number>;
export declare const CELL_MS: number;
export declare const CPU_FACTOR: number;
export declare function estimateMs(op: { callMs: number; cells: number; ms: number }): number;
export declare const LOCAL_SERVICES: string[];
export declare function remoteCalls(op: { byService: Record<string, number> }): number;
export declare function callMs(service: string, key: string): number;
