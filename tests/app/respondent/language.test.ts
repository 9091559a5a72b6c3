import { describe, expect, it } from "vitest";
import { respondentLanguage } from "~/respondent/language.server";

type Case = {
  name: string;
  url?: string;
  chosen?: string | null;
  codeLang?: string;
  cookie?: string;
  acceptLanguage?: string;
  expected: string;
};

/** Order: explicit choice (form field, else ?lang) → the code's language → cookie → Accept-Language → Swedish. */
const CASES: Case[] = [
  { name: "nothing known: Swedish", expected: "sv" },
  { name: "?lang wins over everything below it", url: "/s/X?lang=ar", codeLang: "so", cookie: "lng=en", acceptLanguage: "fa", expected: "ar" },
  { name: "the form field wins over ?lang", url: "/s/X?lang=ar", chosen: "ti", codeLang: "so", expected: "ti" },
  // a posted form's field replaces ?lang; a field that is no language is no choice at all
  { name: "an unsupported form field is no choice: the code's language decides", url: "/s/X?lang=ar", chosen: "de", codeLang: "so", expected: "so" },
  { name: "an empty form field is no choice: the cookie decides", url: "/s/X?lang=fa", chosen: "", cookie: "lng=en", expected: "en" },
  { name: "a form field of null leaves ?lang to decide", url: "/s/X?lang=fa", chosen: null, codeLang: "so", expected: "fa" },
  { name: "an unsupported ?lang falls back to the code's language", url: "/s/X?lang=xx", codeLang: "so", expected: "so" },
  { name: "a ?lang in the wrong case is not a language", url: "/s/X?lang=AR", codeLang: "tr", expected: "tr" },
  { name: "a ?lang with a region is not a language", url: "/s/X?lang=ar-SY", acceptLanguage: "el", expected: "el" },
  { name: "a script in ?lang is ignored", url: "/s/X?lang=%3Cscript%3E", expected: "sv" },
  { name: "the code's language wins over cookie and header", codeLang: "am", cookie: "lng=en", acceptLanguage: "fa", expected: "am" },
  { name: "an unsupported code language falls back to the cookie", codeLang: "de", cookie: "lng=es", expected: "es" },
  { name: "the cookie wins over Accept-Language", cookie: "other=1; lng=az", acceptLanguage: "fa", expected: "az" },
  { name: "an unsupported cookie falls back to Accept-Language", cookie: "lng=de", acceptLanguage: "tr", expected: "tr" },
  { name: "a badly encoded cookie falls back to Accept-Language", cookie: "lng=%E0%A4", acceptLanguage: "tr", expected: "tr" },
  { name: "Accept-Language: the highest q wins, not the first", acceptLanguage: "en;q=0.5, ar;q=0.9, fa;q=0.7", expected: "ar" },
  { name: "Accept-Language: equal q keeps the header's order", acceptLanguage: "fa;q=0.8, ar;q=0.8", expected: "fa" },
  { name: "Accept-Language: no q means 1", acceptLanguage: "es;q=0.9, ti", expected: "ti" },
  { name: "Accept-Language: unsupported languages are skipped", acceptLanguage: "de, fr;q=0.9, so;q=0.1", expected: "so" },
  { name: "Accept-Language: a region maps to its language", acceptLanguage: "fa-IR,en-GB;q=0.5", expected: "fa" },
  { name: "Accept-Language: q=0 means not acceptable", acceptLanguage: "ar;q=0, en;q=0.1", expected: "en" },
  { name: "Accept-Language: a broken q counts as 0", acceptLanguage: "ar;q=abc, el;q=0.2", expected: "el" },
  { name: "Accept-Language: nothing supported gives Swedish", acceptLanguage: "de-DE, fr;q=0.8, *;q=0.1", expected: "sv" },
  { name: "Accept-Language: upper case tags", acceptLanguage: "EL-GR", expected: "el" },
  { name: "Accept-Language: empty header gives Swedish", acceptLanguage: "", expected: "sv" },
];

function request(c: Case): Request {
  const headers = new Headers();
  if (c.cookie !== undefined) headers.set("Cookie", c.cookie);
  if (c.acceptLanguage !== undefined) headers.set("Accept-Language", c.acceptLanguage);
  return new Request(`http://localhost${c.url ?? "/s/X"}`, { headers });
}

describe("the language a respondent page is shown in", () => {
  it.each(CASES)("$name → $expected", (c) => {
    expect(respondentLanguage(request(c), { chosen: c.chosen, codeLang: c.codeLang })).toBe(c.expected);
  });
});
