// Types for compiled.mjs (plain JavaScript, as it runs before anything is compiled).
export declare const ROOT: string;
export declare const DIST: string;
export declare function stampPath(root?: string): string;
export declare function buildIsFresh(root?: string): boolean;
