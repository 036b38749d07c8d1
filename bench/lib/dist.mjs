// Where the bench loads the library from: the built package (run `npm run build` first), or any
// bundle named by MILVUS_FILTER_DIST (to measure another build with the same harness).
import { pathToFileURL } from "node:url";

export const distUrl = process.env.MILVUS_FILTER_DIST
  ? pathToFileURL(process.env.MILVUS_FILTER_DIST).href
  : new URL("../../dist/index.js", import.meta.url).href;

export const loadLib = () => import(distUrl);
