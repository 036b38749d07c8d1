import { describe, expect, it } from "vitest";
import { decodeState, encodeState, MAX_SHARED_ROWS, type PageState } from "../../playground/src/share.js";

const state: PageState = { filter: 'title == "Dune"', schema: "{}", rows: '{"id": 1}\n', params: "", target: "2.5", purpose: "query" };

describe("playground share links", () => {
  it("round-trip the whole state through the fragment", async () => {
    const { fragment, rowsDropped } = await encodeState(state);
    expect(rowsDropped).toBe(false);
    expect(fragment).toMatch(/^s=[A-Za-z0-9_-]+$/);
    expect(await decodeState(fragment)).toEqual(state);
  });

  it("leave out rows over the size limit and keep the rest", async () => {
    const big = { ...state, rows: `{"id": 1, "pad": "${"x".repeat(MAX_SHARED_ROWS)}"}\n` };
    const { fragment, rowsDropped } = await encodeState(big);
    expect(rowsDropped).toBe(true);
    expect(await decodeState(fragment)).toEqual({ ...state, rows: "" });
  });

  it("answer a damaged or foreign fragment with a message, not an exception", async () => {
    expect(await decodeState("s=not-deflate")).toHaveProperty("error");
    expect(await decodeState("section-2")).toEqual({ error: "the link's fragment is not a playground state" });
  });
});
