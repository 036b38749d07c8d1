// An esbuild plugin for the package's own bundles (tsup.config.ts, playground/build.mjs): the
// lodash-es that Chevrotain and @chevrotain/* import is replaced by ./lodash.mjs, which has the few
// functions they use (about 30 KB minified, 10 KB gzip, less in every bundle). lodash-es stays
// installed (Chevrotain depends on it), so the tests run Chevrotain with the real one from src/ and
// compare the stand-ins with it (test/package/lodash-stand-in.test.ts).
import { fileURLToPath } from "node:url";

const STAND_IN = fileURLToPath(new URL("./lodash.mjs", import.meta.url));

/** `lodash-es` and its per-function paths (`lodash-es/map.js`), imported from inside Chevrotain. */
const LODASH = /^lodash-es(\/.*)?$/;
const IN_CHEVROTAIN = /[\\/]node_modules[\\/](chevrotain|@chevrotain)[\\/]/;

/** @type {import("esbuild").Plugin} */
export const lodashStandIn = {
  name: "lodash-stand-in",
  setup(build) {
    build.onResolve({ filter: LODASH }, (args) => {
      if (!IN_CHEVROTAIN.test(args.importer)) return undefined;
      // Only the package root: a per-function path would need a default export per file.
      if (args.path !== "lodash-es") throw new Error(`lodash-stand-in: unexpected import of ${args.path} from ${args.importer}`);
      return { path: STAND_IN };
    });
  },
};
