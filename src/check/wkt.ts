/**
 * Well-known-text geometry validation (what Milvus's go-geom `wkt.Unmarshal` accepts, as far as the
 * parser tests show) and ISO-8601 timestamp / duration validation for the Timestamptz syntax.
 */

type Tok = { t: "word" | "num" | "(" | ")" | ","; v: string };

function lex(s: string): Tok[] | undefined {
  const out: Tok[] = [];
  const re = /\s*(?:([A-Za-z]+)|([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)|([(),]))/y;
  let i = 0;
  while (i < s.length) {
    if (/^\s*$/.test(s.slice(i))) break;
    re.lastIndex = i;
    const m = re.exec(s);
    if (!m) return undefined;
    if (m[1]) out.push({ t: "word", v: m[1].toUpperCase() });
    else if (m[2]) out.push({ t: "num", v: m[2] });
    else out.push({ t: m[3] as "(" | ")" | ",", v: m[3]! });
    i = re.lastIndex;
  }
  return out;
}

class P {
  i = 0;
  dims = 0;
  constructor(readonly toks: Tok[]) {}
  peek(): Tok | undefined {
    return this.toks[this.i];
  }
  take(t: Tok["t"], v?: string): Tok {
    const k = this.toks[this.i];
    if (!k || k.t !== t || (v !== undefined && k.v !== v)) throw new Error(`expected ${v ?? t} at token ${this.i + 1}`);
    this.i++;
    return k;
  }
  isEmpty(): boolean {
    const k = this.peek();
    if (k?.t === "word" && k.v === "EMPTY") {
      this.i++;
      return true;
    }
    return false;
  }
  point(): number[] {
    const c: number[] = [];
    while (this.peek()?.t === "num") c.push(Number(this.take("num").v));
    if (c.length < 2 || c.length > 4) throw new Error(`a coordinate needs 2 to 4 numbers, found ${c.length}`);
    if (this.dims && c.length !== this.dims) throw new Error("mixed coordinate dimensions");
    return c;
  }
  points(min: number): number[][] {
    this.take("(");
    const pts = [this.point()];
    while (this.peek()?.t === ",") {
      this.take(",");
      pts.push(this.point());
    }
    this.take(")");
    if (pts.length < min) throw new Error(`needs at least ${min} points, found ${pts.length}`);
    return pts;
  }
  ring(): void {
    const pts = this.points(4);
    const a = pts[0]!;
    const b = pts[pts.length - 1]!;
    if (a.some((x, k) => x !== b[k])) throw new Error("polygon ring is not closed (first and last points differ)");
  }
  list(item: () => void): void {
    this.take("(");
    item();
    while (this.peek()?.t === ",") {
      this.take(",");
      item();
    }
    this.take(")");
  }
  geometry(): string {
    const kind = this.take("word").v;
    const mod = this.peek();
    if (mod?.t === "word" && (mod.v === "Z" || mod.v === "M" || mod.v === "ZM")) {
      this.i++;
      this.dims = mod.v === "ZM" ? 4 : 3;
    }
    if (this.isEmpty()) return kind;
    switch (kind) {
      case "POINT":
        this.take("(");
        this.point();
        this.take(")");
        break;
      case "LINESTRING":
        this.points(2);
        break;
      case "POLYGON":
        this.list(() => this.ring());
        break;
      case "MULTIPOINT":
        this.list(() => {
          if (this.peek()?.t === "(") {
            this.take("(");
            this.point();
            this.take(")");
          } else if (!this.isEmpty()) this.point();
        });
        break;
      case "MULTILINESTRING":
        this.list(() => void (this.isEmpty() || this.points(2)));
        break;
      case "MULTIPOLYGON":
        this.list(() => void (this.isEmpty() || this.list(() => this.ring())));
        break;
      case "GEOMETRYCOLLECTION":
        this.list(() => void this.geometry());
        break;
      default:
        throw new Error(`unknown geometry type ${kind}`);
    }
    return kind;
  }
}

/** Undefined when valid; otherwise why not. `pointOnly`: ST_DWITHIN needs a POINT. */
export function wktProblem(text: string, pointOnly = false): string | undefined {
  const toks = lex(text);
  if (!toks || toks.length === 0) return `not well-known text: ${JSON.stringify(text)}`;
  const p = new P(toks);
  try {
    const kind = p.geometry();
    if (p.i !== toks.length) return `unexpected text after the geometry in ${JSON.stringify(text)}`;
    if (pointOnly && kind !== "POINT") return `only supports POINT geometry: ${text}`;
    return undefined;
  } catch (e) {
    return `invalid WKT ${JSON.stringify(text)}: ${(e as Error).message}`;
  }
}

const TS = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?(Z|z|[+-]\d{2}:?\d{2})?$/;

/** ISO-8601 / RFC 3339 timestamp as Milvus's timestamptz parser accepts it. */
export function timestampProblem(s: string): string | undefined {
  const m = TS.exec(s);
  if (!m) return `invalid timestamp ${JSON.stringify(s)}: expected ISO 8601 such as 2025-01-01T00:00:00Z`;
  const [, y, mo, d, h, mi, se, zone] = m;
  const month = Number(mo);
  const day = Number(d);
  const year = Number(y);
  const dim = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (month < 1 || month > 12) return `invalid timestamp ${JSON.stringify(s)}: month ${mo} out of range`;
  if (day < 1 || day > dim[month - 1]!) return `invalid timestamp ${JSON.stringify(s)}: day ${d} out of range`;
  if (h !== undefined && (Number(h) > 23 || Number(mi) > 59 || Number(se ?? 0) > 59)) return `invalid timestamp ${JSON.stringify(s)}: time out of range`;
  if (zone && zone.length > 1) {
    const zh = Number(zone.slice(1, 3));
    if (zh > 23) return `invalid timestamp ${JSON.stringify(s)}: zone offset out of range`;
  }
  return undefined;
}

const DURATION = /^P(?:\d+Y)?(?:\d+M)?(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+S)?)?$/;

export function durationProblem(s: string): string | undefined {
  return DURATION.test(s) ? undefined : `invalid ISO 8601 duration: ${s} (write e.g. 'P1D', 'PT1H', 'P1Y2M3DT4H5M6S')`;
}
