/**
 * How an answer reached us: the client's own phone, or a returned paper questionnaire typed in by
 * staff. Counted per month of hand-out on CodeCount (`answeredOnPaper`) for the reach page, never
 * stored with a response (decision 0024).
 */
export type Channel = "phone" | "paper";
