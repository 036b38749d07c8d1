/**
 * `withChecks(client, options)`: every filter-taking call of an `@zilliz/milvus2-sdk-node`
 * `MilvusClient` (delete, query, search, hybridSearch, count, queryIterator, searchIterator),
 * checked against the collection's live schema before anything is sent.
 *
 * What the SDK does and this wrapper does instead (milvus-io/milvus-sdk-node milvus/grpc/Data.ts
 * @ 00ce598f for query/count/queryIterator, getQueryIteratorExpr in its milvus/utils found by code
 * search, and ../shared/spec/milvus-api-notes.md §2 for delete):
 * - `delete({ids})` / `query({ids})` paste the ids into `pk in ["…"]` unescaped: here the
 *   primary-key filter is built with the `filter` template (escaped, int64-exact) and checked.
 * - `filter` silently wins over `expr` (and over `ids`): here a conflicting pair is refused.
 * - `count` reads only `expr` and drops `exprValues`: here the filter is sent as `expr`, with its
 *   template values written inline.
 * - `queryIterator` glues `${expr} && pk > last` as text, so a user `a or b` loses its meaning
 *   and an `element_filter(...)` (which Milvus wants last in the top-level `and`: VisitLogicalAnd,
 *   internal/parser/planparserv2/parser_visitor.go @ 5c01b646) is no longer
 *   last: here the pagination is done by the wrapper with trees, `pk > last and (user) and
 *   element_filter(...)`.
 * - `searchIterator` appends its own conditions the same way: the user filter is sent
 *   parenthesised, and one ending in element_filter is refused (its conditions would follow it).
 *
 * Schemas are described once per collection and cached; a filter refused for a schema reason is
 * re-checked once against a fresh describe (the collection may have changed). Refusals throw
 * `PreflightError` and send nothing. The SDK is only a type-level idea here: the client is used
 * structurally, so this module loads without it.
 */
import type * as A from "../syntax/ast.js";
import { filter, filterFromTree, type Filter } from "../builder/filter.js";
import { FilterBuildError, field } from "../builder/values.js";
import type { Target } from "../check/types.js";
import type { CollectionSchema, FieldSchema } from "../schema/index.js";
import { PreflightError } from "./errors.js";
import { preflightFilter, schemaFromDescribe, type FilterPreflight } from "./preflight.js";
import { checkSdkTemplateValues } from "./sdk.js";

export interface WithChecksOptions {
  target?: Target;
  /** Proceed when describe returns fields the schema loader cannot read. Default false. */
  allowSchemaIssues?: boolean;
  /** Rows per page for queryIterator when the request has no batchSize. Default 1000. */
  defaultBatchSize?: number;
}

/** The methods the wrapper replaces; everything else passes through untouched. */
export const CHECKED_METHODS = ["delete", "query", "count", "search", "hybridSearch", "queryIterator", "searchIterator"] as const;

type Req = Record<string, unknown>;
type Method = (req: Req) => Promise<unknown>;

interface Prepared {
  /** The checked filter as text (canonical). */
  text: string;
  /** The template values to send along (undefined when none or inlined). */
  exprValues?: Record<string, unknown>;
  /** The checked tree (templates inlined when asked). */
  ast: A.Root;
}

/**
 * Wraps a MilvusClient. The result has the client's type and methods; the filter-taking ones
 * check first and throw PreflightError (sending nothing) when Milvus would refuse the filter.
 */
export function withChecks<C extends object>(client: C, options: WithChecksOptions = {}): C {
  if (typeof client !== "object" || client === null || typeof (client as { describeCollection?: unknown }).describeCollection !== "function") {
    throw new PreflightError("options/invalid", "withChecks: expected a Milvus SDK client (with describeCollection)");
  }
  const raw = client as unknown as Record<string, Method> & { describeCollection: Method };
  const schemas = new Map<string, Promise<CollectionSchema>>();

  const schemaOf = (req: Req, fresh = false): Promise<CollectionSchema> => {
    const name = req.collection_name;
    if (typeof name !== "string" || name === "") throw new PreflightError("options/invalid", "collection_name must be a non-empty string");
    const key = `${typeof req.db_name === "string" ? req.db_name : ""}\u0000${name}`;
    let p = fresh ? undefined : schemas.get(key);
    if (!p) {
      const describeReq: Req = { collection_name: name };
      if (req.db_name !== undefined) describeReq.db_name = req.db_name;
      p = raw.describeCollection(describeReq).then((d) => schemaFromDescribe(d, options.allowSchemaIssues === true, name));
      p.catch(() => schemas.delete(key));
      schemas.set(key, p);
    }
    return p;
  };

  /** The request's filter (filter / expr / ids), checked; undefined when it has none. */
  const prepare = async (req: Req, method: string, purpose: "query" | "delete", templates: "send" | "inline"): Promise<Prepared | undefined> => {
    const text = filterText(req, method);
    const ids = req.ids;
    if (ids !== undefined && text !== undefined) {
      throw new PreflightError("options/invalid", `${method}: ids and a filter are both given; the SDK would silently ignore ids`, { hint: "pass one of them" });
    }
    if (ids === undefined && text === undefined) {
      if (req.exprValues !== undefined) throw new PreflightError("options/invalid", `${method}: exprValues without a filter`);
      return undefined;
    }
    if (req.exprValues !== undefined) {
      if (ids !== undefined) throw new PreflightError("options/invalid", `${method}: exprValues only go with a filter`);
      checkSdkTemplateValues(req.exprValues as Record<string, unknown>);
    }
    const run = async (fresh: boolean): Promise<FilterPreflight> => {
      const schema = await schemaOf(req, fresh);
      const source = ids !== undefined ? idsFilter(schema.primaryKey, ids, method).text : text!;
      const input: Parameters<typeof preflightFilter>[0] = { schema, filter: source, purpose, templates };
      if (req.exprValues !== undefined) input.exprParams = req.exprValues as Record<string, unknown>;
      if (options.target !== undefined) input.target = options.target;
      return preflightFilter(input);
    };
    let fp: FilterPreflight;
    try {
      try {
        fp = await run(false);
      } catch (e) {
        // The cached schema may be stale (a field added, the collection re-created): describe again once.
        if (!(e instanceof PreflightError) || !e.diagnostics.some((d) => d.code.startsWith("schema/"))) throw e;
        fp = await run(true);
      }
    } catch (e) {
      // The lexer overflows the stack on string literals of several MiB (a RangeError from parse).
      if (e instanceof RangeError) throw new PreflightError("filter/invalid", `${method}: the filter is too large to check (${e.message}); nothing was sent`);
      throw e;
    }
    const out: Prepared = { text: fp.filter, ast: fp.ast };
    if (fp.exprParams !== undefined) out.exprValues = fp.exprParams as Record<string, unknown>;
    return out;
  };

  /** `req` without the filter keys, plus the checked filter under `key`. */
  const rewrite = (req: Req, p: Prepared | undefined, key: "filter" | "expr"): Req => {
    const { filter: _f, expr: _e, ids: _i, exprValues: _v, ...rest } = req;
    if (!p) return req;
    const out: Req = { ...rest, [key]: p.text };
    if (p.exprValues !== undefined) out.exprValues = p.exprValues;
    return out;
  };

  const call = (name: string, req: Req): Promise<unknown> => {
    const fn = raw[name];
    if (typeof fn !== "function") throw new PreflightError("options/invalid", `the client has no ${name} method`);
    return fn.call(client, req);
  };

  const needObject = (method: string, req: unknown): Req => {
    if (typeof req !== "object" || req === null || Array.isArray(req)) throw new PreflightError("options/invalid", `${method}: the request must be an object`);
    return req as Req;
  };

  const checked: Record<string, Method> = {
    async delete(req) {
      needObject("delete", req);
      const p = await prepare(req, "delete", "delete", "send");
      if (!p) throw new PreflightError("options/invalid", "delete: the filter (or expr, or ids) is missing");
      return call("delete", rewrite(req, p, "filter"));
    },
    async query(req) {
      needObject("query", req);
      return call("query", rewrite(req, await prepare(req, "query", "query", "send"), "filter"));
    },
    async count(req) {
      needObject("count", req);
      // The SDK's count reads `expr` only and does not forward exprValues.
      return call("count", rewrite(req, await prepare(req, "count", "query", "inline"), "expr"));
    },
    async search(req) {
      return call("search", await searchRequest(needObject("search", req), "search"));
    },
    async hybridSearch(req) {
      return call("hybridSearch", await searchRequest(needObject("hybridSearch", req), "hybridSearch"));
    },
    async queryIterator(req) {
      needObject("queryIterator", req);
      const p = await prepare(req, "queryIterator", "query", "inline");
      const schema = await schemaOf(req);
      return pages(req, p, schema);
    },
    async searchIterator(req) {
      needObject("searchIterator", req);
      const p = await prepare(req, "searchIterator", "query", "inline");
      if (!p) return call("searchIterator", req);
      if (split(p.ast).element !== undefined) {
        throw new PreflightError(
          "options/invalid",
          "searchIterator: the SDK appends its own conditions after the filter, and element_filter must stay the last condition; Milvus would refuse the pages",
          { hint: "iterate with search and your own pagination, or move the element condition into MATCH_ANY" },
        );
      }
      // Parenthesised, so the SDK's appended `&& …` cannot bind into the user's `or`.
      const { filter: _f, expr: _e, exprValues: _v, ...rest } = req;
      const text = `(${p.text})`;
      return call("searchIterator", { ...rest, filter: text, expr: text });
    },
  };

  /** Top-level filter, and for hybrid search each sub-request's. */
  const searchRequest = async (req: Req, method: string): Promise<Req> => {
    const top = rewrite(req, await prepare(req, method, "query", "send"), "filter");
    if (!Array.isArray(req.data) || !req.data.some((d) => typeof d === "object" && d !== null && !Array.isArray(d) && ("anns_field" in d || "filter" in d || "expr" in d))) {
      return top;
    }
    const subs = await Promise.all(
      (req.data as unknown[]).map(async (d, i) => {
        if (typeof d !== "object" || d === null || Array.isArray(d)) return d;
        const sub = { ...(d as Req), collection_name: req.collection_name, db_name: req.db_name };
        const p = await prepare(sub, `${method}.data[${i}]`, "query", "send");
        const { collection_name: _c, db_name: _d, ...back } = rewrite(sub, p, "filter");
        return p ? back : d;
      }),
    );
    return { ...top, data: subs };
  };

  /** queryIterator, paged by the wrapper: `pk > last and (user) and element_filter(…)`. */
  const pages = (req: Req, p: Prepared | undefined, schema: CollectionSchema): AsyncIterable<unknown[]> => {
    const pk = schema.primaryKey;
    if (!pk) throw new PreflightError("schema/unusable", "queryIterator: the collection has no primary key to page by");
    const { filter: _f, expr: _e, ids: _i, exprValues: _v, batchSize, limit, ...rest } = req;
    // Paging needs each row's key: without it the iteration would stop after one page.
    if (Array.isArray(rest.output_fields) && !rest.output_fields.includes(pk.name) && !rest.output_fields.includes("*")) {
      rest.output_fields = [...rest.output_fields, pk.name];
    }
    const size = typeof batchSize === "number" && batchSize > 0 ? Math.floor(batchSize) : options.defaultBatchSize ?? 1000;
    const total = typeof limit === "number" && limit >= 0 ? limit : Infinity;
    const user = p ? split(p.ast) : undefined;
    let last: unknown;
    let seen = 0;
    let finished = false;
    return {
      [Symbol.asyncIterator]: () => ({
        async next(): Promise<IteratorResult<unknown[]>> {
          if (finished || seen >= total) return { done: true, value: undefined };
          const page = pageFilter(pk, last, user);
          const q: Req = { ...rest, limit: Math.min(size, total - seen) };
          if (page) q.filter = page.text;
          const res = (await call("query", q)) as { data?: unknown[] };
          const rows = Array.isArray(res?.data) ? res.data : [];
          if (rows.length === 0) {
            finished = true;
            return { done: true, value: undefined };
          }
          seen += rows.length;
          const tail = rows[rows.length - 1] as Record<string, unknown> | undefined;
          last = tail?.[pk.name];
          if (last === undefined || rows.length < (q.limit as number)) finished = true;
          return { done: false, value: rows };
        },
      }),
    };
  };

  return new Proxy(client, {
    get(target, prop, receiver) {
      if (typeof prop === "string" && Object.hasOwn(checked, prop)) return checked[prop];
      const v = Reflect.get(target, prop, receiver);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}

/** `filter` or `expr` (refusing a conflicting pair); undefined when neither is given. */
function filterText(req: Req, method: string): string | undefined {
  const { filter: f, expr: e } = req;
  const given = (v: unknown): boolean => v !== undefined && v !== "";
  if (given(f) && given(e) && f !== e) {
    throw new PreflightError("options/invalid", `${method}: both filter and expr are given and differ; the SDK would silently use one of them`, { hint: "pass only filter" });
  }
  const t = given(f) ? f : given(e) ? e : undefined;
  if (t !== undefined && typeof t !== "string") throw new PreflightError("options/invalid", `${method}: the filter must be a string`);
  return t as string | undefined;
}

/** `pk in [...]`, built by the filter template: VarChar ids as escaped strings, integer ids exact. */
export function idsFilter(pk: FieldSchema | undefined, ids: unknown, method = "delete"): Filter {
  if (!pk) throw new PreflightError("schema/unusable", "the collection has no primary key in its schema, so ids cannot be used");
  if (!Array.isArray(ids) || ids.length === 0) throw new PreflightError("options/invalid", `${method}: ids must be a non-empty array (Milvus rejects \`pk in []\`)`);
  const text = pk.dataType === "VarChar" || pk.dataType === "String";
  const values = ids.map((id, i) => {
    if (text) {
      if (typeof id !== "string") throw new PreflightError("options/invalid", `ids[${i}] must be a string: the primary key ${pk.name} is ${pk.dataType}`);
      return id;
    }
    if (typeof id === "bigint") return id;
    if (typeof id === "number" && Number.isSafeInteger(id)) return id;
    if (typeof id === "number") throw new PreflightError("params/int64-precision", `ids[${i}] is ${id}, not an exact integer: pass int64 ids beyond 2^53 as bigint or decimal strings`);
    if (typeof id === "string" && /^-?(0|[1-9][0-9]{0,18})$/.test(id)) return BigInt(id);
    throw new PreflightError("options/invalid", `ids[${i}] is not an integer for the ${pk.dataType} primary key ${pk.name}`);
  });
  try {
    return filter`${field(pk.name)} in ${values}`;
  } catch (e) {
    if (e instanceof FilterBuildError) throw new PreflightError("options/invalid", `ids: ${e.message}`);
    throw e;
  }
}

/** The user filter as its conditions and a trailing element_filter (which Milvus wants last). */
function split(ast: A.Root): { rest?: Filter; element?: Filter } {
  const ops: readonly A.Expr[] = ast.kind === "And" ? ast.operands : ast.kind === "Empty" ? [] : [ast as A.Expr];
  const lastOp = ops[ops.length - 1];
  const element = lastOp?.kind === "ElementFilter" ? lastOp : undefined;
  const restOps = element ? ops.slice(0, -1) : ops;
  const out: { rest?: Filter; element?: Filter } = {};
  if (restOps.length > 0) out.rest = filterFromTree(restOps.length === 1 ? restOps[0]! : ({ ...(ast as A.And), operands: restOps } as A.And));
  if (element) out.element = filterFromTree(element);
  return out;
}

/** One page's filter: pagination first, the user's conditions (parenthesised as needed), element_filter last. */
function pageFilter(pk: FieldSchema, last: unknown, user: { rest?: Filter; element?: Filter } | undefined): Filter | undefined {
  const parts: Filter[] = [];
  if (last !== undefined) {
    const v = pk.dataType === "VarChar" || pk.dataType === "String" ? String(last) : typeof last === "string" ? BigInt(last) : last;
    parts.push(filter`${field(pk.name)} > ${v as string | bigint | number}`);
  }
  if (user?.rest) parts.push(user.rest);
  if (user?.element) parts.push(user.element);
  return parts.length === 0 ? undefined : filter.and(...parts);
}
