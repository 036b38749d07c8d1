import { RuleTester } from "./helpers.js";
import { noInterpolatedFilter } from "../../src/eslint/rules/no-interpolated-filter.js";
import { valid, invalid } from "./no-interpolated-filter.cases.js";

new RuleTester({ languageOptions: { ecmaVersion: "latest", sourceType: "module" } }).run("no-interpolated-filter", noInterpolatedFilter, { valid, invalid });
