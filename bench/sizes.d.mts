// Types for bench/sizes.mjs (the build tests import it).
export declare const BUDGET: { core: number; initialJs: number }
export declare function gzipBytes(file: string): number
export declare function bundleCore(
  outDir: string,
  entry?: string,
  name?: string,
): Promise<{ file: string; gzip: number }>
export declare function initialJs(distDir: string): { files: string[]; gzip: number }
