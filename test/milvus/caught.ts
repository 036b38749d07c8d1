/** The MilvusError a promise rejects with; fails the test when it resolves or rejects with anything else. */
import { expect } from "vitest";
import { MilvusError } from "../../src/milvus/errors.js";

export async function caught(p: Promise<unknown>): Promise<MilvusError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(MilvusError);
  return e as MilvusError;
}
