/** Safe filter construction: the `filter` tagged template and its helpers. */
export { filter, isFilter, type Filter, type FilterTag, type Interpolation, type ParamValue } from "./filter.js";
export {
  FilterBuildError,
  double,
  field,
  ident,
  jsonPath,
  like,
  regex,
  type DoubleValue,
  type FieldRef,
  type JsonPathRef,
  type LikePattern,
  type RegexPattern,
} from "./values.js";
export { sameTree } from "./same.js";
