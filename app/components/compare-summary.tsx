/**
 * The top of /admin/compare: one line per compared question with the headline option's share per
 * version and the verdict in words, then what "no clear difference" can mean with these numbers.
 * The full tables follow in <Fold>s that work without JavaScript and print open.
 */
import { useEffect, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { DetectableNote, SummaryLine } from "~/results/compare-summary";
import { formatCount, formatPercent, formatShare } from "~/results/format";
import { columnLabel, verdictLabel } from "~/results/compare-labels";

// i18n-namespace: compare
type Texts = {
  question: (key: string) => string;
  row: (question: string, row: string) => string;
  option: (question: string, option: string) => string;
  indicator: (key: string) => string;
  /** the indicator's success options, in words */
  indicatorOptions: (key: string) => string;
};

export function SummaryTable({ lines, columns, texts }: { lines: SummaryLine[]; columns: string[]; texts: Texts }) {
  const { t, i18n } = useTranslation("compare");
  const lang = i18n.language;
  return (
    <table className="summary-table reflow">
      <thead>
        <tr>
          <th scope="col">{t("summary.question")}</th>
          <th scope="col">{t("summary.option")}</th>
          {columns.map((c) => (
            <th key={c} scope="col" className="num">
              {columnLabel(c, t)}
            </th>
          ))}
          <th scope="col">{t("summary.verdict")}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => {
          const name =
            line.kind === "indicator"
              ? line.target === null
                ? texts.indicator(line.key)
                : t("indicator.title", { indicator: texts.indicator(line.key), target: formatShare(line.target, lang) })
              : line.row
                ? `${texts.question(line.question)} – ${texts.row(line.question, line.row)}`
                : texts.question(line.question);
          const shown = line.cells.filter((c) => !c.notAsked).length;
          return (
            <tr key={`${line.kind}-${line.key}-${line.row ?? ""}`} data-summary={line.key} data-kind={line.kind}>
              <th scope="row">{name}</th>
              <td data-label={t("summary.option")}>
                {line.kind === "indicator" ? texts.indicatorOptions(line.key) : line.options.map((o) => texts.option(line.question, o)).join(", ")}
              </td>
              {line.cells.map((c) => (
                <td key={c.column} className="num" data-label={columnLabel(c.column, t)}>
                  <span>
                    {c.notAsked ? "–" : c.hidden ? t("hidden.short") : formatPercent(c.percent, lang)}
                    {!c.notAsked && !c.hidden && c.n !== null ? <span className="summary-n"> {t("summary.answers", { n: formatCount(c.n, lang) })}</span> : null}
                    {c.status && !c.hidden && !c.notAsked && c.n ? <span className={`summary-status status-${c.status}`}>{t(`indicator.statuses.${c.status}`)}</span> : null}
                  </span>
                </td>
              ))}
              <td className={`verdict verdict-${line.verdict?.kind ?? "none"}`} data-label={t("summary.verdict")}>
                <span>
                  {verdictLabel(line.verdict, shown, t)}
                  {line.otherDifferences.length ? (
                    <span className="summary-also">
                      {" "}
                      {t("summary.also", { list: line.otherDifferences.map((o) => texts.option(line.question, o)).join(", ") })}
                    </span>
                  ) : null}
                </span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The plain-words note: the smallest difference the overlap rule could see with these answers. */
export function DetectableText({ note }: { note: DetectableNote | null }) {
  const { t } = useTranslation("compare");
  if (!note) return null;
  const [small, large] = note.n;
  const text =
    note.points === null
      ? t("summary.detectableNone", { small, large })
      : small === large
        ? t("summary.detectableEqual", { count: small, points: note.points })
        : t("summary.detectable", { small, large, points: note.points });
  return (
    <p className="detectable" data-points={note.points ?? ""}>
      {text} {t("summary.fewerAnswered")}
    </p>
  );
}

/**
 * A folded part of the page: a plain <details>, so it opens without JavaScript. Print shows it
 * open through CSS (details::details-content, compare.css); with JavaScript, `beforeprint` opens
 * the folds as well, for browsers without that selector, and closes them again afterwards.
 */
export function Fold({
  title,
  note,
  name,
  printOnlyOpen = false,
  children,
}: {
  title: ReactNode;
  note?: ReactNode;
  name: string;
  /** a further view, printed only when the reader opened it (keeps the print to the comparison itself) */
  printOnlyOpen?: boolean;
  children: ReactNode;
}) {
  return (
    <details className={printOnlyOpen ? "fold fold-extra" : "fold"} data-fold={name}>
      <summary>
        <span className="fold-title">{title}</span>
        {note ? <span className="fold-note"> {note}</span> : null}
      </summary>
      <div className="fold-body">{children}</div>
    </details>
  );
}

/** Opens every fold for printing and restores the reader's choice afterwards. */
export function useOpenFoldsForPrint() {
  useEffect(() => {
    let opened: HTMLDetailsElement[] = [];
    const before = () => {
      opened = [...document.querySelectorAll<HTMLDetailsElement>("details.fold:not(.fold-extra):not([open])")];
      for (const d of opened) d.open = true;
    };
    const after = () => {
      for (const d of opened) d.open = false;
      opened = [];
    };
    window.addEventListener("beforeprint", before);
    window.addEventListener("afterprint", after);
    return () => {
      window.removeEventListener("beforeprint", before);
      window.removeEventListener("afterprint", after);
    };
  }, []);
}
