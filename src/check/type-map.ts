/**
 * The checker's type map (`CheckResult.types`, `CheckedTree.types`): a Map from node id to the
 * node's ExprType, which also answers for the elements of long literal lists without holding a
 * record per element.
 *
 * The elements of a list the parser kept in its compact form (literal-runs.ts) have consecutive
 * ids, just below the list's own, and each one's type follows from its value in the list's
 * constant: `{ category: "value", dataType: Int64 / VarChar …, nodeDependent: true, value }`, the
 * record the walk makes for any literal. So the walk records the list once (`addLiteralRun`) and
 * the map makes an element's record when asked. To a reader it is the Map it would be with one
 * entry per element, in the same order (the elements just before their list); changing an
 * element's entry first turns the list's elements into ordinary entries.
 */
import type { ConstValue, ExprType } from "./types.js";
import { valueType } from "./values.js";

interface LiteralRunTypes {
  /** Id of the first element; the others follow. */
  readonly firstId: number;
  /** The list's own id: its elements come just before its entry. */
  readonly listId: number;
  readonly items: readonly ConstValue[];
}

export class TypeMap extends Map<number, ExprType> {
  /** The recorded lists, by list id (undefined until there is one: most maps never have one). */
  #runs: Map<number, LiteralRunTypes> | undefined;
  #runElements = 0;

  /**
   * Records the types of a list's elements: ids `listId - items.length` … `listId - 1`, each the
   * literal whose value is `items[i]`. Call it where the walk would have set the elements'
   * entries, before the list's own.
   */
  addLiteralRun(listId: number, items: readonly ConstValue[]): void {
    if (this.#runs === undefined) this.#runs = new Map();
    this.#runs.set(listId, { firstId: listId - items.length, listId, items });
    this.#runElements += items.length;
  }

  #runOf(id: number): LiteralRunTypes | undefined {
    if (this.#runs === undefined) return undefined;
    for (const r of this.#runs.values()) if (id >= r.firstId && id < r.listId) return r;
    return undefined;
  }

  override get(id: number): ExprType | undefined {
    const t = super.get(id);
    if (t !== undefined || this.#runs === undefined) return t;
    const r = this.#runOf(id);
    return r === undefined ? undefined : elementType(r.items[id - r.firstId]!);
  }

  override has(id: number): boolean {
    return super.has(id) || this.#runOf(id) !== undefined;
  }

  override get size(): number {
    return super.size + this.#runElements;
  }

  override set(id: number, type: ExprType): this {
    if (this.#runs !== undefined && this.#runOf(id) !== undefined) this.#unfold();
    return super.set(id, type);
  }

  override delete(id: number): boolean {
    if (this.#runs !== undefined && this.#runOf(id) !== undefined) this.#unfold();
    return super.delete(id);
  }

  override clear(): void {
    this.#runs = undefined;
    this.#runElements = 0;
    super.clear();
  }

  override *entries(): MapIterator<[number, ExprType]> {
    const runs = this.#runs;
    for (const entry of super.entries()) {
      const r = runs?.get(entry[0]);
      if (r !== undefined) for (let i = 0; i < r.items.length; i++) yield [r.firstId + i, elementType(r.items[i]!)];
      yield entry;
    }
  }

  override [Symbol.iterator](): MapIterator<[number, ExprType]> {
    return this.entries();
  }

  override *keys(): MapIterator<number> {
    for (const [k] of this.entries()) yield k;
  }

  override *values(): MapIterator<ExprType> {
    for (const [, v] of this.entries()) yield v;
  }

  override forEach(fn: (value: ExprType, key: number, map: Map<number, ExprType>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) fn.call(thisArg, v, k, this);
  }

  /** Every list's elements become ordinary entries, in their place (before their list's entry). */
  #unfold(): void {
    const all = [...this.entries()];
    this.#runs = undefined;
    this.#runElements = 0;
    super.clear();
    for (const [k, v] of all) super.set(k, v);
  }
}

/** The record the walk makes for a literal element (visit.ts, literalValue). */
function elementType(value: ConstValue): ExprType {
  return { category: "value", dataType: valueType(value) as ExprType["dataType"], nodeDependent: true, containsTemplate: false, value };
}
