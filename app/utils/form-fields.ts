import { z } from "zod";

/** Zod fields several staff forms share; their messages are keys the forms translate. */

/** A language code a form names (a version's language, not the staff member's own `?lang`). */
export const languageField = () => z.string({ required_error: "language" }).regex(/^[a-z]{2,3}$/, "language");

/** An uploaded file: present, not empty, at most `maxBytes` (else `tooLarge`). */
export const uploadedFile = (maxBytes: number, tooLarge: string) =>
  z
    .instanceof(File, { message: "required" })
    .refine((f) => f.size > 0, "required")
    .refine((f) => f.size <= maxBytes, tooLarge);
