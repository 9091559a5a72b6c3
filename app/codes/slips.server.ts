import QRCode from "qrcode";
import { serverT } from "~/i18n/i18n.server";
import { languageLabel, textDirection } from "~/i18n/languages";
import { csvDocument } from "~/results/csv";
import { addDays } from "~/utils/months";
import type { IssuedCode } from "./issue.server";

/** One sentence of a slip in the slip's language, with the Swedish beneath when the two differ. */
export type SlipLine = { text: string; sv?: string };

export type Slip = IssuedCode & {
  qr: string; // data: URL of an SVG QR code of the slip's URL
  shortUrl: string; // where the code can be typed in
  dir: "ltr" | "rtl";
  lines: SlipLine[];
};

/**
 * "15 June 2027" in the language's own words and digits. Always the Gregorian calendar, so the
 * date in the client's language and the Swedish date beneath it name the same day.
 */
export function slipDate(day: string, lang: string): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(`${lang}-u-ca-gregory`, { dateStyle: "long", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, d, 12)));
}

/**
 * The sentences of a slip in one language: what the survey is, how to reach it, and until when the
 * code works — or, for a code that opens later (the six-month follow-up), that the client should
 * keep the slip and from which day to answer.
 */
export function slipSentences(
  code: Pick<IssuedCode, "validFrom" | "expiresAt"> & { stock?: boolean },
  lang: string,
  shortUrl: string,
  today: string,
): string[] {
  const t = serverT(lang, "respondent");
  const intro = [t("slip.line1"), t("slip.line2", { url: shortUrl })];
  // a slip printed for stock gets its days only when it is handed out
  if (code.stock) return intro;
  const lastDay = slipDate(addDays(code.expiresAt, -1), lang);
  return [
    ...intro,
    code.validFrom > today ? t("slip.opensLater", { from: slipDate(code.validFrom, lang), to: lastDay }) : t("slip.validUntil", { to: lastDay }),
  ];
}

/** What a printed slip carries: QR code, short URL, the code, and every sentence in its language and in Swedish. */
export async function slipsFor(codes: (IssuedCode & { stock?: boolean })[], shortUrl: string, today: string): Promise<Slip[]> {
  return Promise.all(
    codes.map(async (c) => {
      const own = slipSentences(c, c.lang, shortUrl, today);
      const swedish = c.lang === "sv" ? own : slipSentences(c, "sv", shortUrl, today);
      const svg = await QRCode.toString(c.url, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
      return {
        ...c,
        qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`,
        shortUrl,
        dir: textDirection(c.lang),
        lines: own.map((text, i) => (swedish[i] === text ? { text } : { text, sv: swedish[i] })),
      };
    }),
  );
}

/**
 * The batch as CSV for staff (the one CSV writer: BOM, semicolons, opens in Swedish Excel), with
 * headers and values in the staff language and the last valid day, as the slip says it.
 */
export function batchCsv(codes: IssuedCode[], staffLanguage: string): string {
  const t = serverT(staffLanguage, "codes");
  const header = ["code", "url", "wave", "version", "lang", "validFrom", "lastDay"].map((h) => t(`batch.columns.${h}`));
  const rows = codes.map((c) => [
    c.code,
    c.url,
    t(`waves.${c.wave}`, { defaultValue: c.wave }),
    { number: c.version },
    languageLabel(c.lang, staffLanguage),
    c.validFrom,
    addDays(c.expiresAt, -1),
  ]);
  return csvDocument([header, ...rows], staffLanguage);
}
