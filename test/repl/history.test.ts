import { describe, expect, it } from "vitest";
import { historyPath } from "../../src/repl/index.js";

describe("historyPath", () => {
  const env = { HOME: "/home/u" };
  it("defaults to ~/.milvus_filter_history", () => {
    expect(historyPath(undefined, env, "/work")).toBe("/home/u/.milvus_filter_history");
  });
  it("MILVUS_FILTER_HISTORY moves it (relative to the working directory, ~ expanded) or turns it off", () => {
    expect(historyPath(undefined, { ...env, MILVUS_FILTER_HISTORY: "/tmp/h" }, "/work")).toBe("/tmp/h");
    expect(historyPath(undefined, { ...env, MILVUS_FILTER_HISTORY: "h.txt" }, "/work")).toBe("/work/h.txt");
    expect(historyPath(undefined, { ...env, MILVUS_FILTER_HISTORY: "~/x/h" }, "/work")).toBe("/home/u/x/h");
    for (const off of ["", "0", "  "]) expect(historyPath(undefined, { ...env, MILVUS_FILTER_HISTORY: off }, "/work")).toBeUndefined();
  });
  it("the option wins over the variable; null or empty turns it off", () => {
    expect(historyPath("~/mine", { ...env, MILVUS_FILTER_HISTORY: "/tmp/h" }, "/work")).toBe("/home/u/mine");
    expect(historyPath(null, env, "/work")).toBeUndefined();
    expect(historyPath("", env, "/work")).toBeUndefined();
  });
  it("falls back to USERPROFILE when HOME is unset", () => {
    expect(historyPath(undefined, { USERPROFILE: "/profiles/u" }, "/work")).toBe("/profiles/u/.milvus_filter_history");
  });
});
