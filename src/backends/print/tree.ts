/**
 * `withChildren` and `mapTree` moved to src/syntax/walk.ts, where they are read from the node
 * table (src/syntax/nodes.ts). Re-exported here for the modules that still import them from the
 * printer (src/milvus/preflight.ts).
 */
export { mapTree, withChildren } from "../../syntax/walk.js";
