// Types of scripts/dist.mjs, for the tests that import it.
export declare const STAMP: string;
export declare function newestSource(root: string): number;
export declare function buildIsCurrent(root: string, outDir?: string): boolean;
