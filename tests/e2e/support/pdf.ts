import { expect, type Page } from "@playwright/test";
import fs from "node:fs";

/** The pages of a PDF Chromium printed: each page's size in millimetres, in order. */
export function pdfPages(pdf: Buffer): { width: number; height: number }[] {
  const text = pdf.toString("latin1");
  const pages = [...text.matchAll(/\/Type\s*\/Page(?![s\w])[\s\S]*?\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/g)];
  const mm = (pt: string) => Math.round((Number(pt) * 25.4) / 72);
  return pages.map((m) => ({ width: mm(m[3]!) - mm(m[1]!), height: mm(m[4]!) - mm(m[2]!) }));
}

/** Prints the page as the browser's print dialog would, honouring the page sizes the CSS asks for. */
export async function printToPdf(page: Page, name: string, options: Parameters<Page["pdf"]>[0] = {}): Promise<Buffer> {
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, ...options });
  expect(pdf.subarray(0, 4).toString()).toBe("%PDF");
  if (process.env.E2E_SCREENSHOTS) fs.writeFileSync(`tests/.tmp/${name}.pdf`, pdf);
  return pdf;
}
