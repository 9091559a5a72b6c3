import { useTranslation } from "react-i18next";

/**
 * What the social worker can tell the client when handing out a code: the quick exit clears
 * the screen, not the browser's history or a text message (docs/privacy.md, "On the client's phone").
 */
export function ClientSafetyAdvice() {
  const { t } = useTranslation("codes");
  return (
    <details className="client-safety no-print">
      <summary>{t("safety.title")}</summary>
      <ul>
        <li>{t("safety.exit")}</li>
        <li>{t("safety.history")}</li>
        <li>{t("safety.message")}</li>
      </ul>
    </details>
  );
}
