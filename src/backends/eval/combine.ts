/**
 * Kleene logic over compiled predicates: `and` / `or` chains unrolled for two and three operands
 * (the common shapes, which V8 then inlines), and the two-valued forms `test(row)` uses at the top
 * level, where only TRUE selects a row.
 */
import type { Row } from "../../rows/access.js";
import type { RowPredicate, Truth } from "./compare.js";

export function andEval(ps: readonly RowPredicate[]): RowPredicate {
  if (ps.length === 1) return ps[0]!;
  if (ps.length === 2) {
    const [a, b] = ps as [RowPredicate, RowPredicate];
    return (row) => {
      const x = a(row);
      if (x === false) return false;
      const y = b(row);
      if (y === false) return false;
      return x === null || y === null ? null : true;
    };
  }
  if (ps.length === 3) {
    const [a, b, c] = ps as [RowPredicate, RowPredicate, RowPredicate];
    return (row) => {
      const x = a(row);
      if (x === false) return false;
      const y = b(row);
      if (y === false) return false;
      const z = c(row);
      if (z === false) return false;
      return x === null || y === null || z === null ? null : true;
    };
  }
  return (row) => {
    let unknown = false;
    for (let i = 0; i < ps.length; i++) {
      const v = ps[i]!(row);
      if (v === false) return false;
      if (v === null) unknown = true;
    }
    return unknown ? null : true;
  };
}

export function allTrue(ps: readonly RowPredicate[]): (row: Row) => boolean {
  if (ps.length === 2) {
    const [a, b] = ps as [RowPredicate, RowPredicate];
    return (row) => a(row) === true && b(row) === true;
  }
  if (ps.length === 3) {
    const [a, b, c] = ps as [RowPredicate, RowPredicate, RowPredicate];
    return (row) => a(row) === true && b(row) === true && c(row) === true;
  }
  return (row) => {
    for (let i = 0; i < ps.length; i++) if (ps[i]!(row) !== true) return false;
    return true;
  };
}

export function anyTrue(ps: readonly RowPredicate[]): (row: Row) => boolean {
  if (ps.length === 2) {
    const [a, b] = ps as [RowPredicate, RowPredicate];
    return (row) => a(row) === true || b(row) === true;
  }
  if (ps.length === 3) {
    const [a, b, c] = ps as [RowPredicate, RowPredicate, RowPredicate];
    return (row) => a(row) === true || b(row) === true || c(row) === true;
  }
  return (row) => {
    for (let i = 0; i < ps.length; i++) if (ps[i]!(row) === true) return true;
    return false;
  };
}

export function orEval(ps: readonly RowPredicate[]): RowPredicate {
  if (ps.length === 1) return ps[0]!;
  if (ps.length === 2) {
    const [a, b] = ps as [RowPredicate, RowPredicate];
    return (row) => {
      const x = a(row);
      if (x === true) return true;
      const y = b(row);
      if (y === true) return true;
      return x === null || y === null ? null : false;
    };
  }
  if (ps.length === 3) {
    const [a, b, c] = ps as [RowPredicate, RowPredicate, RowPredicate];
    return (row) => {
      const x = a(row);
      if (x === true) return true;
      const y = b(row);
      if (y === true) return true;
      const z = c(row);
      if (z === true) return true;
      return x === null || y === null || z === null ? null : false;
    };
  }
  return (row) => {
    let unknown = false;
    for (let i = 0; i < ps.length; i++) {
      const v = ps[i]!(row);
      if (v === true) return true;
      if (v === null) unknown = true;
    }
    return unknown ? null : false;
  };
}

export const kleeneAnd = (vs: readonly Truth[]): Truth => (vs.includes(false) ? false : vs.includes(null) ? null : true);
export const kleeneOr = (vs: readonly Truth[]): Truth => (vs.includes(true) ? true : vs.includes(null) ? null : false);
