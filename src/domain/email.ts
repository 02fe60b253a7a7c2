/** The form an e-mail address is matched in: trimmed, lower case (sign-in finds users by it, imports contacts). */
export const emailKey = (email: string): string => email.trim().toLowerCase();

/** emailKey for an address that may be missing or blank. */
export const optionalEmailKey = (email: string | null | undefined): string | null => (email?.trim() ? emailKey(email) : null);
