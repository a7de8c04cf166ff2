// Unique Identifiers (PS3.5 9.1): components of digits separated by '.', no leading zero except "0", at most 64 characters.

const UID_COMPONENTS = /^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*$/;

/** Whether `text` is a UID by the PS3.5 9.1 grammar (and so safe as a path segment). */
export const isValidUid = (text: string): boolean => text.length > 0 && text.length <= 64 && UID_COMPONENTS.test(text);
