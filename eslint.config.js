import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/**", "node_modules/**", "tests/.tmp/**", ".stryker-tmp/**", "reports/**", "test-results/**", "playwright-report/**", "data/**", "bench/.tmp/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-non-null-assertion": "off",
      "no-console": ["error", { allow: ["error", "warn"] }],
    },
  },
  {
    // The domain never depends on the UI: texts a page and a download share live in app/results.
    files: ["app/{results,codes,survey,auth,ops,utils}/**/*.{ts,tsx}", "app/respondent/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(~/|(\\.\\.?/)+)(app/)?(components|routes)(/|$)",
              message: "Domain modules must not import UI code (app/components, app/routes): move the shared part into the domain.",
            },
          ],
        },
      ],
    },
  },
  {
    // command-line programs and scripts talk to the terminal
    files: ["scripts/**", "bench/**", "app/cli/**", "server/serve.ts", "tests/e2e/support/**"],
    rules: { "no-console": "off" },
  },
);
