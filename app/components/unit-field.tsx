import { Form, useSubmit } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { unitDisplayName } from "~/units/scope";

type UnitOption = { slug: string; name: string };

/**
 * The unit that codes or stock slips are issued in, for an organisation manager (decision 0023):
 * a GET form of its own, because the unit decides which surveys the issuing form offers (a unit's
 * own survey is offered only in that unit). Without JavaScript "Välj enhet" reloads the page with
 * `?unit=`; with it, choosing reloads at once. Nothing is shown when the account may use only one
 * unit: it issues in its own. The issuing forms carry the chosen unit in UnitInput.
 */
export function UnitChooser({ units, value, id = "issue-unit" }: { units: readonly UnitOption[]; value: string; id?: string }) {
  const { t } = useTranslation("codes");
  const submit = useSubmit();
  if (units.length < 2) return null;
  return (
    <Form method="get" className="toolbar unit-chooser">
      <label htmlFor={id}>{t("issue.unit")}</label>
      {/* keyed by the unit shown: Back and Forward show the unit whose surveys are listed */}
      <select key={value} id={id} name="unit" defaultValue={value} aria-describedby={`${id}-hint`} onChange={(e) => submit(e.currentTarget.form)}>
        {units.map((u) => (
          <option key={u.slug} value={u.slug}>
            {unitDisplayName(u, t("common:units.ours"))}
          </option>
        ))}
      </select>
      <button type="submit" className="secondary">
        {t("issue.chooseUnit")}
      </button>
      <p className="hint" id={`${id}-hint`}>
        {t("issue.unitHint")}
      </p>
    </Form>
  );
}

/** The unit an issuing form sends: the one the page shows (the action checks it again). */
export function UnitInput({ units, value }: { units: readonly UnitOption[]; value: string }) {
  return units.length > 1 ? <input type="hidden" name="unit" value={value} /> : null;
}
