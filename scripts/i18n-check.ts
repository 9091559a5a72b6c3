/**
 * `npm run i18n:check`: every locale of a namespace has exactly the source's (Swedish) keys,
 * and no translation uses a {{variable}} the source does not have. Exit 1 with the list of gaps.
 */
import { checkLocales, loadLocales } from "../app/i18n/coverage";

const problems = checkLocales(loadLocales("locales"));
if (problems.length) {
  console.error(`i18n check failed (${problems.length}):`);
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
console.log("i18n check: all locales complete");
