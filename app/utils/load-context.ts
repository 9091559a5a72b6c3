/** What the express adapter passes to every loader and action of one request. */
export type AppContext = {
  cspNonce?: string;
  clientAddress?: string;
  /**
   * Set by a respondent action: the language the page it returns is in. Remix runs the loaders
   * after the action with a plain GET request, so this is how <html lang> follows the form.
   */
  respondentLang?: string;
};

export const appContext = (context: unknown) => (context ?? {}) as AppContext;
