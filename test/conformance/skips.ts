/**
 * Conformance cases the checker does not run, or knowingly disagrees with, by case id, each with
 * the reason. `corpus`: the corpus itself marks the case unrunnable. `parser`: the parser rejects
 * text Milvus accepts (a change outside src/check is needed). `checker`: a known checker gap.
 */
export type SkipKind = "corpus" | "parser" | "checker";

export interface Skip {
  readonly kind: SkipKind;
  readonly reason: string;
}


export const SKIPS: Readonly<Record<string, Skip>> = {
};
