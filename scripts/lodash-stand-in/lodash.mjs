// The lodash-es functions Chevrotain 11.2 and @chevrotain/* import, written for the package's own
// bundles (scripts/lodash-stand-in/plugin.mjs swaps them in): lodash-es as Chevrotain's modules pull
// it in is about 30 KB minified, these are a tenth of that.
//
// Each follows lodash's documented behaviour for the arguments Chevrotain passes: arrays, plain
// objects (config, caches keyed by rule name or token index), token-type objects and functions,
// strings for the type checks. test/package/lodash-stand-in.test.ts compares every one with
// lodash-es on such inputs. Left out on purpose, because no call site uses them: iteratee
// shorthands (a property name or object instead of a function), deep paths in `has` ("a.b"),
// fromIndex in `includes`, array-likes other than arrays and strings.
//
// One deliberate difference: where lodash walks inherited enumerable keys (pickBy, defaults), these
// read own keys only, so a polluted Object.prototype (test/check/hostile-host.test.ts) cannot add
// properties to Chevrotain's grammar nodes or options. For objects with nothing enumerable on
// their prototype chain, which is every object Chevrotain passes, the results are the same.

const hasOwn = (object, key) => Object.prototype.hasOwnProperty.call(object, key);
const toTag = (value) => Object.prototype.toString.call(value);

/** Arrays and strings are walked by index; other objects by their own enumerable keys. */
const isIndexed = (value) => Array.isArray(value) || typeof value === "string";

const isPrototypeObject = (value) => {
  const ctor = value.constructor;
  return value === ((typeof ctor === "function" && ctor.prototype) || Object.prototype);
};

/** Own enumerable string keys; a prototype object's `constructor` does not count. */
const ownKeys = (object) => {
  const result = Object.keys(object);
  return isPrototypeObject(object) ? result.filter((key) => key !== "constructor") : result;
};

/** lodash's `length` check: a safe non-negative integer. */
const isIndex = (key, length) => {
  const n = typeof key === "number" ? key : typeof key === "string" && /^(?:0|[1-9]\d*)$/.test(key) ? Number(key) : -1;
  return Number.isInteger(n) && n >= 0 && n < length;
};

/** lodash's SameValueZero (NaN equals NaN, +0 equals -0). */
const eq = (a, b) => a === b || (a !== a && b !== b);

/** Sets a key the way lodash does: a `__proto__` key becomes an own property, not a prototype change. */
function setKey(object, key, value) {
  if (key === "__proto__") Object.defineProperty(object, key, { configurable: true, enumerable: true, value, writable: true });
  else object[key] = value;
}

/** Calls `visit(value, key)` on each element; stops when it returns false (lodash's early exit). */
function each(collection, visit) {
  if (collection == null) return;
  if (isIndexed(collection)) {
    for (let i = 0; i < collection.length; i++) if (visit(collection[i], i) === false) return;
    return;
  }
  if (typeof collection !== "object" && typeof collection !== "function") return;
  for (const key of ownKeys(collection)) if (visit(collection[key], key) === false) return;
}

// Type checks.
export const isArray = Array.isArray;
export const isUndefined = (value) => value === undefined;
export const isFunction = (value) => typeof value === "function";
export const isObject = (value) => (typeof value === "object" && value !== null) || typeof value === "function";
// lodash reads the object's internal class (ignoring a Symbol.toStringTag); so do these, by calling a
// method that only accepts that class.
const hasBrand = (value, check) => {
  try {
    check(value);
    return true;
  } catch {
    return false;
  }
};
const sourceOf = Object.getOwnPropertyDescriptor(RegExp.prototype, "source").get;
export const isString = (value) =>
  typeof value === "string" || (typeof value === "object" && value !== null && hasBrand(value, (v) => String.prototype.valueOf.call(v)));
export const isRegExp = (value) =>
  typeof value === "object" && value !== null && value !== RegExp.prototype && hasBrand(value, (v) => sourceOf.call(v));

export function noop() {}
export const identity = (value) => value;

// Objects.
export function keys(object) {
  if (object == null) return [];
  if (isIndexed(object)) {
    const result = [];
    for (let i = 0; i < object.length; i++) result.push(String(i));
    if (Array.isArray(object)) for (const key of Object.keys(object)) if (!isIndex(key, object.length)) result.push(key);
    return result;
  }
  return ownKeys(Object(object));
}

export function values(object) {
  const result = [];
  each(object, (value) => {
    result.push(value);
  });
  return result;
}

/** Own-property test; on an array, any index below its length counts (lodash's fallback for holes). */
export function has(object, key) {
  if (object == null) return false;
  return hasOwn(object, key) || (Array.isArray(object) && isIndex(key, object.length));
}

export function isEmpty(value) {
  if (value == null) return true;
  if (isIndexed(value)) return value.length === 0;
  if (value instanceof Map || value instanceof Set) return value.size === 0;
  if (typeof value !== "object" && typeof value !== "function") return true;
  // A prototype object (e.g. Foo.prototype) does not count its `constructor`.
  return ownKeys(value).length === 0;
}

/**
 * A shallow copy of an array (holes become undefined) or a plain object (own enumerable keys and
 * symbols; the prototype is kept when the object has a constructor and is not itself a prototype).
 * Other built-in objects (Map, Date, ...) are not cloned as lodash does; Chevrotain clones none.
 */
export function clone(value) {
  if ((typeof value !== "object" && typeof value !== "function") || value === null) return value;
  if (Array.isArray(value)) {
    const result = new Array(value.length);
    for (let i = 0; i < value.length; i++) result[i] = value[i];
    return result;
  }
  // A function becomes a plain object with its properties.
  const keepPrototype = typeof value === "object" && typeof value.constructor === "function" && !isPrototypeObject(value);
  const result = keepPrototype ? Object.create(Object.getPrototypeOf(value)) : {};
  for (const key of ownKeys(value)) setKey(result, key, value[key]);
  for (const sym of Object.getOwnPropertySymbols(value)) {
    if (Object.prototype.propertyIsEnumerable.call(value, sym)) result[sym] = value[sym];
  }
  return result;
}

export function assign(object, ...sources) {
  for (const source of sources) {
    if (source == null) continue;
    for (const key of keys(source)) {
      const value = source[key];
      // lodash skips a write that would change nothing (matters only for setters).
      if (!(hasOwn(object, key) && eq(object[key], value)) || (value === undefined && !(key in object))) setKey(object, key, value);
    }
  }
  return object;
}

/** Fills keys whose value is undefined, or only inherited from Object.prototype, from the sources. */
export function defaults(object, ...sources) {
  object = Object(object);
  for (const source of sources) {
    if (source == null) continue;
    for (const key of Object.keys(Object(source))) {
      const current = object[key];
      if (current === undefined || (eq(current, Object.prototype[key]) && !hasOwn(object, key))) object[key] = source[key];
    }
  }
  return object;
}

/** Like lodash, never sets `__proto__`, `constructor` or `prototype` on the result. */
export function pickBy(object, predicate) {
  const result = {};
  if (object == null) return result;
  const from = Object(object);
  const enumerableSymbols = Object.getOwnPropertySymbols(from).filter((sym) => Object.prototype.propertyIsEnumerable.call(from, sym));
  for (const key of [...Object.keys(from), ...enumerableSymbols]) {
    if (predicate(from[key], key) && key !== "__proto__" && key !== "constructor" && key !== "prototype") result[key] = from[key];
  }
  return result;
}

// Collections (arrays, or objects by own keys).
export function forEach(collection, iteratee) {
  each(collection, (value, key) => iteratee(value, key, collection));
  return collection;
}

export function map(collection, iteratee) {
  const result = [];
  each(collection, (value, key) => {
    result.push(iteratee(value, key, collection));
  });
  return result;
}

export function filter(collection, predicate) {
  const result = [];
  each(collection, (value, key) => {
    if (predicate(value, key, collection)) result.push(value);
  });
  return result;
}

export function reject(collection, predicate) {
  return filter(collection, (value, key, c) => !predicate(value, key, c));
}

export function find(collection, predicate) {
  let found;
  each(collection, (value, key) => {
    if (predicate(value, key, collection)) {
      found = value;
      return false;
    }
  });
  return found;
}

export function every(collection, predicate) {
  let result = true;
  each(collection, (value, key) => (result = !!predicate(value, key, collection)));
  return result;
}

export function some(collection, predicate) {
  let result = false;
  each(collection, (value, key) => !(result = !!predicate(value, key, collection)));
  return result;
}

/** Without an accumulator the first element starts the fold (and an empty collection gives undefined). */
export function reduce(collection, iteratee, ...accumulator) {
  let started = accumulator.length > 0;
  let acc = accumulator[0];
  each(collection, (value, key) => {
    if (started) acc = iteratee(acc, value, key, collection);
    else {
      acc = value;
      started = true;
    }
  });
  return acc;
}

export function groupBy(collection, iteratee) {
  const result = {};
  each(collection, (value) => {
    const key = iteratee(value);
    if (hasOwn(result, key)) result[key].push(value);
    else setKey(result, key, [value]);
  });
  return result;
}

export function includes(collection, value) {
  if (typeof collection === "string") return collection.includes(value);
  return values(collection).includes(value); // SameValueZero
}

export function flatMap(collection, iteratee) {
  return flatten(map(collection, iteratee));
}

// Arrays.
const isFlattenable = (item) =>
  Array.isArray(item) || toTag(item) === "[object Arguments]" || !!(item != null && item[Symbol.isConcatSpreadable]);

/** One level: nested arrays (and arguments objects, concat-spreadables) are spread, everything else kept. */
export function flatten(array) {
  const result = [];
  if (array == null) return result;
  for (let i = 0; i < array.length; i++) {
    const item = array[i];
    if (isFlattenable(item)) for (let j = 0; j < item.length; j++) result.push(item[j]);
    else result.push(item);
  }
  return result;
}

// A Set compares with SameValueZero, as lodash does; like lodash, these two return -0 as 0.
const noNegativeZero = (value) => (value === 0 ? 0 : value);

export function uniq(array) {
  const seen = new Set();
  const result = [];
  if (array == null) return result;
  for (let i = 0; i < array.length; i++) {
    if (!seen.has(array[i])) {
      seen.add(array[i]);
      result.push(noNegativeZero(array[i]));
    }
  }
  return result;
}

export function difference(array, ...others) {
  if (!Array.isArray(array)) return [];
  const excluded = new Set(flatten(others.filter(Array.isArray)));
  return copy(array, 0, array.length)
    .filter((item) => !excluded.has(item))
    .map(noNegativeZero);
}

export function compact(array) {
  return array == null ? [] : Array.prototype.filter.call(array, Boolean);
}

const count = (n) => (n === undefined ? 1 : Math.max(Math.trunc(Number(n)) || 0, 0));
const copy = (array, start, end) => {
  const result = [];
  for (let i = Math.max(start, 0); i < end; i++) result.push(array[i]);
  return result;
};
export const drop = (array, n) => (array == null ? [] : copy(array, count(n), array.length));
export const dropRight = (array, n) => (array == null ? [] : copy(array, 0, array.length - count(n)));
export const first = (array) => (array != null && array.length ? array[0] : undefined);
export const last = (array) => (array != null && array.length ? array[array.length - 1] : undefined);

export function indexOf(array, value) {
  if (array == null) return -1;
  for (let i = 0; i < array.length; i++) if (eq(array[i], value)) return i;
  return -1;
}

// Strings.
/** The first code point upper-cased (rule names in generated type names). */
export function upperFirst(string) {
  const s = string == null ? "" : String(string);
  const firstChar = String.fromCodePoint(s.codePointAt(0) ?? 0);
  return s === "" ? "" : firstChar.toUpperCase() + s.slice(firstChar.length);
}
