// Evaluator section of `npm run bench`: runs bench/eval.mjs (one child process per filter over
// 1,000,000 rows, next to a hand-written closure) and reports each filter's ratio and compile time.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export function run({ report, quick }) {
  const script = fileURLToPath(new URL("./eval.mjs", import.meta.url));
  const rows = quick ? "200000" : "1000000";
  const count = Number(execFileSync(process.execPath, [script, "--count"], { encoding: "utf8" }).trim());
  for (let i = 0; i < count; i++) {
    const out = execFileSync(process.execPath, [script, "--case", String(i), rows], { encoding: "utf8" });
    const r = JSON.parse(out.trim().split("\n").pop());
    report("eval", `${r.filter}: compiled rows/s`, Number(String(r["compiled rows/s"]).replace(/,/g, "")), "rows/s", `${r.ratio} of hand-written time (target <= 1.5x); compile ${r["compile µs"]} µs`);
  }
}
