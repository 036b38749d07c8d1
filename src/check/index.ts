/** The checker: Milvus's type rules, version gating, template values, delete safety and lint. */
export { check, checkText, CHECK_MAX_DEPTH } from "./check.js";
export { CHECK_CODES, CODES, type CheckCode } from "./codes.js";
export { FEATURES, featureAccepted, versionProblem, syntacticFeatures, type Feature, type FeatureDef } from "./versions.js";
export { LINES, NEWEST_PATCH, knownRange, resolveTarget, formatRelease, type Line, type Release, type ResolvedTarget, type TargetParse } from "../util/releases.js";
export { SERVER_BUGS, type ServerBug, type ServerBugCode } from "./server-bugs.js";
export {
  templateValuesFromCase,
  templateValuesFromJson,
  toConst,
  describeTemplateValue,
  type ArrayElementKind,
  type TemplateResult,
} from "./templates.js";
export { castValue, canBeComparedDT } from "./values.js";
export {
  DEFAULT_TARGET,
  TARGETS,
  type CheckOptions,
  type CheckResult,
  type ColumnInfo,
  type ConstValue,
  type ExprCategory,
  type ExprType,
  type Target,
  type TemplateValue,
  type TemplateValues,
} from "./types.js";
