import { RuleTester } from "./helpers.js";
import { validFilter } from "../../src/eslint/rules/valid-filter.js";
import { valid, invalid } from "./valid-filter.cases.js";

new RuleTester({ languageOptions: { ecmaVersion: "latest", sourceType: "module" } }).run("valid-filter", validFilter, { valid, invalid });
