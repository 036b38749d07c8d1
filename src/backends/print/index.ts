/** The canonical printer as a function and as a backend. */
import { defineBackend } from "../backend.js";
import { print, PrintError, type PrintOptions } from "./print.js";
import { printUsageError } from "./literals.js";
import { requireCall } from "../../diag/usage.js";
import { SPECS } from "../../diag/api-specs.js";

export { print, PrintError, type PrintOptions };
export { printTree } from "./emit.js";
export { normalize, type RewriteOptions } from "./rewrite.js";
export { mapTree, withChildren } from "./tree.js";
export { classifyName, nameFits, type NameClass, type NameSlot } from "./names.js";

/** `print` behind the Backend interface (`run({ ast }, options)` → canonical text). */
export const printBackend = defineBackend<string, PrintOptions>({
  name: "print",
  description: "canonical filter text",
  run: (input, options) => {
    [input, options] = requireCall("printBackend.run", SPECS.printBackendRun, [input, options], printUsageError) as [typeof input, PrintOptions | undefined];
    return print(input.ast, options);
  },
});

/** The bench hook: canonical text of one tree, no options. */
export function benchPrint(ast: Parameters<typeof print>[0]): string {
  return print(ast);
}
