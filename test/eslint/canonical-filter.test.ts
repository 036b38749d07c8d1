import { RuleTester } from "./helpers.js";
import { canonicalFilter } from "../../src/eslint/rules/canonical-filter.js";
import { valid, invalid } from "./canonical-filter.cases.js";

new RuleTester({ languageOptions: { ecmaVersion: "latest", sourceType: "module" } }).run("canonical-filter", canonicalFilter, { valid, invalid });
