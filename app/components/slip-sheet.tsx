import type { Slip } from "~/codes/slips.server";

export type SlipLayout = "a4" | "a6";
const SLIPS_PER_SHEET = 8;

/**
 * Printable slips: an A4 sheet of eight to cut (2 × 4, the cut lines run through the margins of
 * each slip, never through its text) or one slip per A6 page. The code stays on one line.
 */
export function SlipSheet({ slips, layout }: { slips: Slip[]; layout: SlipLayout }) {
  const pages = layout === "a6" ? slips.map((s) => [s]) : chunk(slips, SLIPS_PER_SHEET);
  return (
    <div className={`slips slips-${layout}`} data-layout={layout}>
      {pages.map((page) => (
        <div className="slip-page" key={page[0]!.code}>
          {page.map((s) => (
            <article className="slip" key={s.code} lang={s.lang} dir={s.dir}>
              <div className="slip-head">
                <img className="slip-qr" src={s.qr} alt={s.url} width={120} height={120} />
                <div dir="ltr">
                  <p className="slip-code">{s.code}</p>
                  <p className="slip-url">{s.shortUrl}</p>
                </div>
              </div>
              {s.lines.map((line) => (
                <p className="slip-line" key={line.text}>
                  {line.text}
                  {line.sv ? (
                    <span className="slip-sv" lang="sv" dir="ltr">
                      {line.sv}
                    </span>
                  ) : null}
                </p>
              ))}
            </article>
          ))}
        </div>
      ))}
    </div>
  );
}

function chunk<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}
