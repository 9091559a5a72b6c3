import { useBlocker } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Slip } from "~/codes/slips.server";
import { PAPER_CODE_FIELD } from "~/paper/sheet";
import { ClientSafetyAdvice } from "./client-safety-advice";
import { SlipSheet, type SlipLayout } from "./slip-sheet";

/**
 * A batch of slips shown once: choose A4 or A6, print (again, until the page is left), download
 * the batch as CSV. The codes are never stored, so leaving the page asks first.
 */
export function SlipBatch({ slips, csv, fileName }: { slips: Slip[]; csv: string; fileName: string }) {
  const { t } = useTranslation("codes");
  const [layout, setLayout] = useState<SlipLayout>("a4");
  useLeaveWarning(true, t("batch.leave"));
  return (
    <section aria-labelledby="batch-heading">
      <div className="no-print">
        <h2 id="batch-heading">{t("batch.title", { count: slips.length })}</h2>
        <p className="notice" role="status">
          {t("batch.onlyOnce")}
        </p>
        <ClientSafetyAdvice />
        <p className="actions">
          <label htmlFor="layout">{t("batch.layout")}</label>
          <select id="layout" value={layout} onChange={(e) => setLayout(e.target.value as SlipLayout)}>
            <option value="a4">{t("batch.a4")}</option>
            <option value="a6">{t("batch.a6")}</option>
          </select>
          <button type="button" onClick={() => window.print()}>
            {t("batch.print")}
          </button>
          <a className="button-link" download={fileName} href={`data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`}>
            {t("batch.csv")}
          </a>
        </p>
      </div>
      <PaperFromBatch codes={slips.map((s) => s.code)} />
      <SlipSheet slips={slips} layout={layout} />
    </section>
  );
}

/**
 * A paper questionnaire for one code of the batch, in a new tab (a plain form: the batch stays
 * on this page, and the code goes in the request body, never in a URL).
 */
function PaperFromBatch({ codes }: { codes: string[] }) {
  const { t } = useTranslation("codes");
  return (
    <form method="post" action="/admin/paper/print" target="_blank" className="actions no-print">
      <label htmlFor="paper-batch-code">{t("paper.fromBatch")}</label>
      <select id="paper-batch-code" name={PAPER_CODE_FIELD}>
        {codes.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
      <button type="submit" className="secondary">
        {t("paper.fromBatchButton")}
      </button>
    </form>
  );
}

/**
 * The codes of a batch live only in this page: warn before it is left (reload, closing the tab,
 * another page of the app or a new batch), because they can never be shown again.
 */
function useLeaveWarning(active: boolean, message: string) {
  useEffect(() => {
    if (!active) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = ""; // older Chromium needs it to show the dialog
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [active]);
  const blocker = useBlocker(active);
  useEffect(() => {
    if (blocker.state !== "blocked") return;
    if (window.confirm(message)) blocker.proceed();
    else blocker.reset();
  }, [blocker, message]);
}
