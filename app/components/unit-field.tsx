import { useTranslation } from "react-i18next";

/**
 * The unit that codes or stock slips are issued in, for an organisation manager (decision 0023).
 * Nothing is shown when the account may use only one unit: it issues in its own.
 */
export function UnitField({ units, defaultValue, id = "issue-unit" }: { units: readonly { slug: string; name: string }[]; defaultValue: string; id?: string }) {
  const { t } = useTranslation("codes");
  if (units.length < 2) return null;
  return (
    <>
      <label htmlFor={id}>{t("issue.unit")}</label>
      <select id={id} name="unit" defaultValue={defaultValue} aria-describedby={`${id}-hint`}>
        {units.map((u) => (
          <option key={u.slug} value={u.slug}>
            {u.name}
          </option>
        ))}
      </select>
      <p className="hint" id={`${id}-hint`}>
        {t("issue.unitHint")}
      </p>
    </>
  );
}
