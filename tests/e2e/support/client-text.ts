import type { Page } from "@playwright/test";

/**
 * What a client reads on a respondent page (or a preview of one): every rendered line with a
 * letter in it, leaving out the language lists (each language named in its own script, marked
 * with its own `lang`) and a preview's staff note.
 */
export async function clientLines(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const pageLang = document.documentElement.lang;
    const otherLanguage = [...document.body.querySelectorAll<HTMLElement>("[lang]")].filter((e) => e.lang !== pageLang);
    const left = [
      ...document.querySelectorAll<HTMLElement>("nav, [role=note]"),
      ...otherLanguage.map((e) => e.closest("select") ?? e),
    ];
    for (const e of left) e.style.display = "none";
    const text = document.body.innerText;
    for (const e of left) e.style.display = "";
    return text
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => /\p{L}/u.test(l));
  });
}

const SCRIPTS: Record<string, RegExp> = {
  ti: /\p{Script=Ethiopic}/u,
  am: /\p{Script=Ethiopic}/u,
  ar: /\p{Script=Arabic}/u,
  fa: /\p{Script=Arabic}/u,
  el: /\p{Script=Greek}/u,
};
const LETTER = /\p{L}/gu;
// names of Swedish institutions a translation keeps in Swedish, as a client meets them here
const SWEDISH_NAMES = /\bpersonnummer\b/giu;

/**
 * The lines of a page in `lang` that belong to another language: a line shown on the Swedish
 * page too (a fallback), or a letter of a script other than the language's own (Latin for the
 * languages without a script of their own here), a kept Swedish name such as "personnummer" aside.
 */
export function foreignLines(lang: string, lines: readonly string[], swedishLines: ReadonlySet<string>): string[] {
  const own = SCRIPTS[lang] ?? /\p{Script=Latin}/u;
  return lines.filter(
    (line) => swedishLines.has(line) || (line.replace(SWEDISH_NAMES, "").match(LETTER) ?? []).some((letter) => !own.test(letter)),
  );
}
