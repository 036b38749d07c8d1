/**
 * The one way a stage (parser, checker, evaluator) hands problems to its result: `report()` them
 * to a `Reporter`, then turn the reporter into diagnostics once positions can be resolved.
 *
 * A reporter keeps at most `max` diagnostics (the documented per-filter cap, `maxDiagnostics`);
 * the rest are only counted, and one `limit/too-many-diagnostics` says how many were not shown. A
 * file of 16 MiB of bad characters must not become 16 million diagnostic objects. When the cap is
 * reached, a more severe problem displaces the latest kept less severe one, so an error is never
 * hidden behind advice, and the summary carries the severity of the worst problem it stands for
 * (a filter whose errors were all shown stays `ok` when only advice was dropped, and one whose
 * errors were dropped does not).
 */
import { makeDiagnostic, type Diagnostic, type DiagnosticInput, type Severity, type Span } from "./diagnostic.js";
import { reportedSeverity } from "./codes.js";
import type { Source } from "./source.js";

const RANK: Readonly<Record<Severity, number>> = { info: 0, warning: 1, error: 2 };
const BY_RANK: readonly Severity[] = ["info", "warning", "error"];

export class Reporter {
  readonly #kept: DiagnosticInput[] = [];
  /** Kept diagnostics per severity rank: whether one could be displaced, without a scan. */
  readonly #keptByRank = [0, 0, 0];
  #dropped = 0;
  #lastDropped: Span | undefined;
  #worstDropped = -1;
  #errors = 0;

  constructor(readonly max: number) {}

  report(d: DiagnosticInput): void {
    const severity = d.severity ?? reportedSeverity(d.code);
    const input = d.severity === severity ? d : { ...d, severity };
    const rank = RANK[severity];
    if (rank === 2) this.#errors++;
    if (this.#kept.length < this.max) {
      this.#kept.push(input);
      this.#keptByRank[rank]!++;
      return;
    }
    const displaced = this.#displace(rank);
    if (displaced === undefined) {
      this.#drop(input.span, rank);
      return;
    }
    this.#drop(displaced.span, RANK[displaced.severity!]);
    this.#kept.push(input);
    this.#keptByRank[rank]!++;
  }

  /**
   * Problems counted without being built, for a caller that knows the reporter is `full` and that
   * they would not displace anything (the parser's path for input it does not lex). `at` is where
   * the last of them is.
   */
  countDropped(n: number, severity: Severity = "error", at?: Span): void {
    if (n <= 0) return;
    this.#dropped += n;
    if (at !== undefined) this.#lastDropped = at;
    this.#worstDropped = Math.max(this.#worstDropped, RANK[severity]);
    if (severity === "error") this.#errors += n;
  }

  /** No room left: a caller that can stop looking for more problems may. */
  get full(): boolean {
    return this.#kept.length >= this.max;
  }

  /** Whether any error was reported, shown or not. */
  hasError(): boolean {
    return this.#errors > 0;
  }

  /** Nothing reported at all. */
  get empty(): boolean {
    return this.#kept.length === 0 && this.#dropped === 0;
  }

  /** What was reported, in report order, capped, with the summary of the rest last. */
  inputs(): DiagnosticInput[] {
    const out = [...this.#kept];
    if (this.#dropped > 0) {
      out.push({
        code: "limit/too-many-diagnostics",
        severity: BY_RANK[this.#worstDropped]!,
        message: `${this.#dropped} more problems not shown (limit ${this.max})`,
        span: this.#lastDropped ?? out[out.length - 1]?.span ?? { start: 0, end: 0 },
      });
    }
    return out;
  }

  /**
   * The diagnostics, positioned in `source`. Without a source (an AST built by hand) every
   * position is on line 1, with columns counted from the offsets.
   */
  diagnostics(source: Source | undefined): Diagnostic[] {
    return this.inputs().map((d) => (source !== undefined ? makeDiagnostic(source, d) : unpositioned(d)));
  }

  /** Removes and returns the latest kept diagnostic less severe than `rank`, if any. */
  #displace(rank: number): DiagnosticInput | undefined {
    let lowest = -1;
    for (let r = 0; r < rank; r++) {
      if (this.#keptByRank[r]! > 0) {
        lowest = r;
        break;
      }
    }
    if (lowest < 0) return undefined;
    for (let i = this.#kept.length - 1; i >= 0; i--) {
      if (RANK[this.#kept[i]!.severity!] === lowest) {
        const [d] = this.#kept.splice(i, 1);
        this.#keptByRank[lowest]!--;
        return d;
      }
    }
    return undefined;
  }

  #drop(span: Span, rank: number): void {
    this.#dropped++;
    this.#lastDropped = span;
    this.#worstDropped = Math.max(this.#worstDropped, rank);
  }
}

function unpositioned(d: DiagnosticInput): Diagnostic {
  return {
    code: d.code,
    severity: d.severity ?? reportedSeverity(d.code),
    message: d.message,
    span: d.span,
    line: 1,
    column: d.span.start + 1,
    endLine: 1,
    endColumn: d.span.end + 1,
    ...(d.hint !== undefined ? { hint: d.hint } : {}),
  };
}
