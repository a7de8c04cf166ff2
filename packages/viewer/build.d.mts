/** Builds the viewer into `outdir` (default packages/viewer/dist); resolves to esbuild's metafile. */
export function buildViewer(outdir?: string, options?: { minify?: boolean }): Promise<unknown>;
