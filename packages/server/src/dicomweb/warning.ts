/** A Warning header value (RFC 7234 5.5, used by PS3.18 8.3.4 and 10.5.3): 299 (miscellaneous persistent warning), printable ASCII text. */
export const warning = (text: string): string => `299 dcmkit ${JSON.stringify(text.replace(/[^\x20-\x7e]/g, '?').slice(0, 300))}`;
