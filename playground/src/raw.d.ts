// esbuild's `?raw` imports (see build.mjs): the file's text.
declare module "*?raw" {
  const text: string;
  export default text;
}
