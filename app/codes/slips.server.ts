import QRCode from "qrcode";
import { serverT } from "~/i18n/i18n.server";
import { textDirection } from "~/i18n/languages";
import { csvDocument } from "~/results/csv";
import type { IssuedCode } from "./issue.server";

export type Slip = IssuedCode & {
  qr: string; // data: URL of an SVG QR code of the slip's URL
  instructions: { lang: string; dir: "ltr" | "rtl"; lines: [string, string] }[];
};

/** What a printed slip carries: QR code, short URL, grouped code, instructions in two languages. */
export async function slipsFor(codes: IssuedCode[], shortUrl: string): Promise<Slip[]> {
  const instructionsFor = (lang: string) => {
    const t = serverT(lang, "respondent");
    return { lang, dir: textDirection(lang), lines: [t("slip.line1"), t("slip.line2", { url: shortUrl })] as [string, string] };
  };
  const byLang = new Map<string, Slip["instructions"]>();
  return Promise.all(
    codes.map(async (c) => {
      if (!byLang.has(c.lang))
        byLang.set(c.lang, c.lang === "sv" ? [instructionsFor("sv")] : [instructionsFor(c.lang), instructionsFor("sv")]);
      const svg = await QRCode.toString(c.url, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
      return { ...c, qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`, instructions: byLang.get(c.lang)! };
    }),
  );
}

/** The batch as CSV (UTF-8 with BOM, semicolons: opens correctly in Swedish Excel). */
export function batchCsv(codes: IssuedCode[]): string {
  const header = ["code", "url", "wave", "version", "lang", "validFrom", "expiresAt"];
  const rows = codes.map((c) => [c.code, c.url, c.wave, { number: c.version }, c.lang, c.validFrom, c.expiresAt]);
  return csvDocument([header, ...rows], "sv");
}
