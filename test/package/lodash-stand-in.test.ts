/**
 * The package's bundles give Chevrotain scripts/lodash-stand-in/lodash.mjs in place of lodash-es
 * (scripts/lodash-stand-in/plugin.mjs). Each stand-in is compared here with lodash-es itself, which
 * stays installed as Chevrotain's dependency, on the kinds of arguments Chevrotain passes: arrays
 * (also sparse), plain objects keyed by rule names, token names and token indexes, token-type-like
 * objects, strings, and callbacks whose every call is logged (order, keys, early exit).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import fc from "fast-check";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { lodashStandIn } from "../../scripts/lodash-stand-in/plugin.mjs";
import { noChevrotainLexer } from "../../scripts/no-chevrotain-lexer.mjs";

type Fn = (...args: any[]) => any;
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const STAND_IN = join(ROOT, "scripts/lodash-stand-in/lodash.mjs");
// Both modules are plain JavaScript without types: loaded by URL, as tables of functions.
const ours = (await import(pathToFileURL(STAND_IN).href)) as Record<string, Fn>;
const lodashSpecifier = "lodash-es";
const lodash = (await import(lodashSpecifier)) as Record<string, Fn>;

/** The names Chevrotain's and @chevrotain/*'s modules import from lodash-es. */
function chevrotainImports(): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (path.endsWith(".js")) {
        const text = readFileSync(path, "utf8");
        expect(text, path).not.toMatch(/from\s*"lodash-es\//); // only the package root is stood in for
        for (const m of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*"lodash-es"/g)) {
          for (const spec of m[1]!.split(",")) if (spec.trim()) names.add(spec.trim().split(/\s+as\s+/)[0]!);
        }
      }
    }
  };
  walk(join(ROOT, "node_modules/chevrotain/lib/src"));
  for (const pkg of readdirSync(join(ROOT, "node_modules/@chevrotain"))) {
    const lib = join(ROOT, "node_modules/@chevrotain", pkg, "lib");
    try {
      walk(lib);
    } catch {
      // @chevrotain/types has no lib/
    }
  }
  return names;
}

// ---- inputs like Chevrotain's ----------------------------------------------------------------

const tokA = { name: "Identifier", tokenTypeIdx: 3, categoryMatches: [] as number[] };
const tokB = { name: "Comma", tokenTypeIdx: 7, categoryMatches: [3], CATEGORIES: [tokA] };
const objA = { a: 1 };
/** Keys Chevrotain's objects have (rule names, token indexes, options), with the awkward ones. */
const KEYS = ["filter", "expr", "Identifier", "tokenTypeIdx", "maxLookahead", "0", "3", "12", "__proto__", "constructor", "prototype", "toString"];
const arbKey = fc.constantFrom(...KEYS);
const arbScalar = fc.oneof(
  fc.integer({ min: -3, max: 20 }),
  fc.constantFrom(NaN, -0, 0, "", "a", "Comma", null, undefined, true, false, tokA, tokB, objA),
  fc.string({ maxLength: 4 }),
);
const arbValue = fc.oneof({ weight: 4, arbitrary: arbScalar }, { weight: 1, arbitrary: fc.array(arbScalar, { maxLength: 3 }) });
const arbArray = fc.oneof(fc.array(arbValue, { maxLength: 8 }), fc.sparseArray(arbValue, { maxLength: 8 }));

/** A plain object built key by key (so `__proto__` becomes an own key, as JSON.parse would make it). */
function objectOf(entries: [string, unknown][], proto: object | null = Object.prototype): Record<string, unknown> {
  const o = Object.create(proto) as Record<string, unknown>;
  for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
}
class Rule {
  constructor(public name = "r") {}
}
const arbObject = fc
  .tuple(fc.array(fc.tuple(arbKey, arbValue), { maxLength: 6 }), fc.constantFrom<object | null>(Object.prototype, Rule.prototype, null))
  .map(([entries, proto]) => objectOf(entries, proto));
const tokenLike = Object.assign(() => undefined, { tokenTypeIdx: 4, LABEL: "x" });
// Strings only where Chevrotain passes them (not to functions taking a callback).
const arbCollection = fc.oneof(
  { weight: 3, arbitrary: arbArray },
  { weight: 3, arbitrary: arbObject },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, undefined, tokenLike, 5) },
);
const arbCollectionOrString = fc.oneof({ weight: 6, arbitrary: arbCollection }, { weight: 1, arbitrary: fc.constantFrom<unknown>("", "ab") });
/** A callback with arbitrary (but repeatable) answers, and a log of its calls. */
const arbCallback = fc.func(fc.oneof(arbScalar, fc.boolean(), fc.constantFrom(false)));

function logged(f: Fn): { fn: Fn; log: unknown[][] } {
  const log: unknown[][] = [];
  return { fn: (...args: unknown[]) => (log.push(args), f(...args)), log };
}

/** Same value, same own keys in the same order (holes too), same prototype. */
function same(actual: unknown, expected: unknown): void {
  // (toEqual, not toStrictEqual: the latter compares `.constructor`, an own key of some inputs here.)
  expect(actual).toEqual(expected);
  if (typeof expected === "object" && expected !== null) {
    expect(Reflect.ownKeys(actual as object)).toEqual(Reflect.ownKeys(expected));
    expect(Object.getPrototypeOf(actual)).toBe(Object.getPrototypeOf(expected));
  }
}

/** Runs `name` from both libraries on copies of the same arguments (callbacks logged) and compares. */
function compare(name: string, args: () => unknown[]): void {
  const run = (lib: Record<string, Fn>) => {
    const a = args();
    const logs: unknown[][][] = [];
    const wrapped = a.map((x) => {
      if (typeof x !== "function" || x === tokenLike) return x;
      const l = logged(x as Fn);
      logs.push(l.log);
      return l.fn;
    });
    let result: unknown;
    let threw: unknown;
    try {
      result = lib[name]!(...wrapped);
    } catch (e) {
      threw = (e as Error).constructor;
    }
    return { result, threw, logs, mutated: a[0] };
  };
  const mine = run(ours);
  const theirs = run(lodash);
  expect(mine.threw).toBe(theirs.threw);
  same(mine.result, theirs.result);
  expect(mine.logs).toEqual(theirs.logs);
  same(mine.mutated, theirs.mutated);
}

const PROPERTY = { numRuns: 300 };
const shallowCopy = (x: unknown): unknown =>
  Array.isArray(x) ? x.slice() : typeof x === "object" && x !== null ? Object.defineProperties(Object.create(Object.getPrototypeOf(x)), Object.getOwnPropertyDescriptors(x)) : x;

describe("lodash-es stand-in (the bundles' lodash, scripts/lodash-stand-in/)", () => {
  it("has every function Chevrotain imports, and only functions lodash-es has", () => {
    const imported = chevrotainImports();
    expect(imported.size).toBeGreaterThan(30);
    for (const name of imported) expect(typeof ours[name], name).toBe("function");
    for (const name of Object.keys(ours)) expect(typeof lodash[name], name).toBe("function");
  });

  it("is what Chevrotain gets in a bundle built with the plugin (lodash-es itself is left out)", async () => {
    const r = await build({
      stdin: { contents: 'export { EmbeddedActionsParser, createToken } from "chevrotain";', resolveDir: ROOT },
      bundle: true,
      write: false,
      metafile: true,
      format: "esm",
      plugins: [noChevrotainLexer, lodashStandIn],
      logLevel: "silent",
    });
    const inputs = Object.keys(r.metafile.inputs);
    expect(inputs.filter((p) => p.includes("node_modules/lodash-es"))).toEqual([]);
    expect(inputs).toContain("scripts/lodash-stand-in/lodash.mjs");
  });

  it.each(["forEach", "map", "filter", "reject", "find", "every", "some", "flatMap", "groupBy"])(
    "%s: same results and the same callback calls (order, keys, early exit)",
    (name) => {
      fc.assert(
        fc.property(arbCollection, arbCallback, (collection, callback) => {
          if (name === "groupBy" && !Array.isArray(collection)) return;
          compare(name, () => [shallowCopy(collection), callback]);
        }),
        PROPERTY,
      );
    },
  );

  it("reduce: with and without a starting value", () => {
    fc.assert(
      fc.property(arbCollection, arbCallback, fc.option(arbValue), fc.boolean(), (collection, callback, start, withStart) => {
        compare("reduce", () => (withStart ? [shallowCopy(collection), callback, start] : [shallowCopy(collection), callback]));
      }),
      PROPERTY,
    );
    // Chevrotain's own folds: lookahead maps (token index -> alternative) and joined type names.
    compare("reduce", () => [[[tokA], [tokB]], (acc: Record<number, number>, alt: (typeof tokA)[], i: number) => ((acc[alt[0]!.tokenTypeIdx] ??= i), acc), {}]);
    compare("reduce", () => [["A", "B"], (sum: string, t: string) => `${sum} | ${t}`]);
  });

  it.each(["keys", "values", "isEmpty", "clone", "flatten", "uniq", "compact", "first", "last", "drop", "dropRight"])(
    "%s: same result on Chevrotain's kinds of values",
    (name) => {
      fc.assert(
        fc.property(arbCollectionOrString, (x) => compare(name, () => [shallowCopy(x)])),
        PROPERTY,
      );
    },
  );

  it("drop, dropRight: any count", () => {
    fc.assert(
      fc.property(arbArray, fc.oneof(fc.integer({ min: -2, max: 10 }), fc.constantFrom(undefined, NaN, Infinity, 1.5)), (array, n) => {
        compare("drop", () => [array.slice(), n]);
        compare("dropRight", () => [array.slice(), n]);
      }),
      PROPERTY,
    );
  });

  it("has: own keys of objects and functions, indexes of arrays (holes included), numbers as keys", () => {
    fc.assert(
      fc.property(arbCollectionOrString, fc.oneof(arbKey, fc.integer({ min: -1, max: 9 })), (x, key) => compare("has", () => [x, key])),
      PROPERTY,
    );
    // Inherited keys do not count, even on a polluted prototype.
    expect(ours.has!(Object.create({ maxLookahead: 1 }), "maxLookahead")).toBe(false);
    expect(ours.has!([, 1], 0)).toBe(lodash.has!([, 1], 0));
  });

  it("includes, indexOf, difference: SameValueZero", () => {
    fc.assert(
      fc.property(arbArray, arbValue, fc.array(arbArray, { maxLength: 3 }), (array, value, others) => {
        compare("includes", () => [array, value]);
        compare("indexOf", () => [array, value]);
        compare("difference", () => [array, ...others]);
      }),
      PROPERTY,
    );
    compare("includes", () => ["MismatchedTokenException", "Token"]);
    compare("includes", () => [{ a: tokA }, tokA]);
  });

  it("assign, defaults: mutate the target the same way", () => {
    fc.assert(
      fc.property(arbObject, fc.array(fc.oneof(arbObject, fc.constantFrom(null, undefined)), { maxLength: 3 }), (target, sources) => {
        compare("assign", () => [shallowCopy(target), ...sources]);
        compare("defaults", () => [shallowCopy(target), ...sources]);
      }),
      PROPERTY,
    );
  });

  it("pickBy: keeps what the predicate accepts, never __proto__/constructor/prototype", () => {
    fc.assert(
      fc.property(arbObject, arbCallback, (object, predicate) => compare("pickBy", () => [object, predicate])),
      PROPERTY,
    );
    // @chevrotain/gast's use: drop the options left undefined.
    compare("pickBy", () => [{ name: "r", idx: undefined, label: "x" }, (v: unknown) => v !== undefined]);
  });

  it("clone: prototypes, symbols and holes as lodash keeps them", () => {
    const sym = Symbol("s");
    const withSymbol = { a: 1, [sym]: 2 };
    for (const x of [new Rule("x"), Object.create(null), withSymbol, [1, , 3], Rule.prototype, tokenLike, "s", 3]) compare("clone", () => [x]);
  });

  it("type checks agree on every kind of value", () => {
    const stringObject = new String("s");
    const fakeString = { [Symbol.toStringTag]: "String" };
    const fakeRegExp = { [Symbol.toStringTag]: "RegExp" };
    const values: unknown[] = [undefined, null, 0, NaN, "", "a", stringObject, fakeString, /a/g, new RegExp("x"), RegExp.prototype, fakeRegExp, [], {}, tokA, tokenLike, Rule, async () => 1, function* g() {}, new Map(), Symbol("x")];
    for (const name of ["isArray", "isUndefined", "isFunction", "isObject", "isString", "isRegExp"]) {
      for (const v of values) expect(ours[name]!(v), `${name}(${String(v as string)})`).toBe(lodash[name]!(v));
    }
  });

  it("upperFirst on rule names, noop, identity", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom("filter", "expr", "𐐨x", "ßa", "")), (s) => {
        expect(ours.upperFirst!(s)).toBe(lodash.upperFirst!(s));
      }),
      PROPERTY,
    );
    expect(ours.noop!(1)).toBe(lodash.noop!(1));
    expect(ours.identity!(objA)).toBe(lodash.identity!(objA));
  });
});
