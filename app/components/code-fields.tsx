import type { InputHTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { CLIENT_GROUPS, REFERRALS } from "~/codes/attributes";

/** A code attribute's options, "not set" first (the attribute is optional on every page). */
function NotSetFirst({ values, label }: { values: readonly string[]; label: (value: string) => string }) {
  const { t } = useTranslation("codes");
  return (
    <>
      <option value="">{t("issue.notSet")}</option>
      {values.map((v) => (
        <option key={v} value={v}>
          {label(v)}
        </option>
      ))}
    </>
  );
}

/** The options of a code's client-group select (codes and activation pages). */
export function ClientGroupOptions() {
  const { t } = useTranslation("codes");
  return <NotSetFirst values={CLIENT_GROUPS} label={(g) => t(`groups.${g}`)} />;
}

/** The options of a code's referral-path select. */
export function ReferralOptions() {
  const { t } = useTranslation("codes");
  return <NotSetFirst values={REFERRALS} label={(r) => t(`referrals.${r}`)} />;
}

/** A version's offered languages as options, drafts marked (codes and stock pages). */
export function LanguageOptions({ languages }: { languages: { code: string; name: string; reviewed: boolean }[] }) {
  const { t } = useTranslation("codes");
  return (
    <>
      {languages.map((l) => (
        <option key={l.code} value={l.code} lang={l.code}>
          {l.reviewed ? l.name : t("issue.draftSuffix", { name: l.name })}
        </option>
      ))}
    </>
  );
}

/** Making codes in an unreviewed language asks for this box to be ticked (decision 0015). */
export function DraftLanguageNotice({ language }: { language: { name: string } | undefined }) {
  const { t } = useTranslation("codes");
  if (!language) return null;
  return (
    <div className="notice" role="status">
      <p>{t("issue.draftLanguage", { language: language.name })}</p>
      <label className="checks">
        <input type="checkbox" name="confirmDraftLanguage" /> {t("issue.confirmDraft", { language: language.name })}
      </label>
    </div>
  );
}

/**
 * A slip code typed on a staff page (activation, voiding, paper print and entry): required, and
 * the browser neither keeps it in its form history nor corrects it.
 */
export function CodeInput(props: { id: string; name: string } & Pick<InputHTMLAttributes<HTMLInputElement>, "autoFocus" | "aria-describedby">) {
  return <input {...props} className="code-input" autoComplete="off" autoCapitalize="characters" autoCorrect="off" spellCheck={false} required />;
}
