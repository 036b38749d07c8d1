/** Fails the suite if any promise rejection goes unhandled while it runs (timeouts, aborted fetches, closed sockets). */
import { afterAll, beforeAll, expect } from "vitest";

export function guardUnhandledRejections(): void {
  const seen: unknown[] = [];
  const onRejection = (reason: unknown): void => {
    seen.push(reason);
  };
  beforeAll(() => {
    process.on("unhandledRejection", onRejection);
  });
  afterAll(async () => {
    // let pending microtasks and socket callbacks settle before judging
    await new Promise((r) => setTimeout(r, 50));
    process.off("unhandledRejection", onRejection);
    expect(seen.map((r) => (r instanceof Error ? `${r.name}: ${r.message}` : String(r)))).toEqual([]);
  });
}
