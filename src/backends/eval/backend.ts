/** The evaluator as a pluggable backend (src/backends/backend.ts): AST in, row predicate out. */
import { defineBackend } from "../backend.js";
import { checkCall } from "../../diag/usage.js";
import { SPECS, usageDiagnostic } from "../../diag/api-specs.js";
import { Reporter } from "../../diag/reporter.js";
import { compileFilter, failedFilter, type CompiledFilter, type CompileOptions } from "./compile.js";

export type EvalBackendOptions = Omit<CompileOptions, "source">;

export const evalBackend = defineBackend<CompiledFilter, EvalBackendOptions>({
  name: "eval",
  description: "compile the filter into a predicate over rows with Milvus's semantics (delete dry-run)",
  run(input, options) {
    const usage = checkCall("evalBackend.run", SPECS.evalBackendRun, [input, options]);
    if (!usage.ok) return failedFilter([usageDiagnostic(usage.problem)]);
    options = usage.args[1] as EvalBackendOptions | undefined;
    if (options?.schema === undefined) {
      const problems = new Reporter(1);
      problems.report({ code: "eval/unsupported", message: "the evaluator needs the collection schema (options.schema)", span: input.ast.span });
      return failedFilter(problems.diagnostics(undefined), options?.target);
    }
    return compileFilter(input.ast, input.source ? { ...options, source: input.source } : options);
  },
});
