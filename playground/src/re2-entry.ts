// The separate re2.js script: publishes the real engine for re2-lazy.ts.
import * as re2 from "re2js";
(globalThis as { __milvusFilterRe2?: typeof re2 }).__milvusFilterRe2 = re2;
