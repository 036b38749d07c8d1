/** Railroad diagrams of the grammar, generated from the parser's recorded productions. */
import { createSyntaxDiagramsCode } from "chevrotain";
import { FilterParser } from "./grammar.js";

export function diagramsHtml(): string {
  const parser = new FilterParser();
  return createSyntaxDiagramsCode(parser.getSerializedGastProductions());
}
