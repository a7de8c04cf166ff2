// Item and sub-item types of the A-ASSOCIATE PDUs (PS3.8 9.3.2, 9.3.3; PS3.7 Annex D.3.3).
export const ItemType = {
  ApplicationContext: 0x10,
  PresentationContextRQ: 0x20,
  PresentationContextAC: 0x21,
  AbstractSyntax: 0x30,
  TransferSyntax: 0x40,
  UserInformation: 0x50,
  MaximumLength: 0x51,
  ImplementationClassUID: 0x52,
  AsynchronousOperationsWindow: 0x53,
  RoleSelection: 0x54,
  ImplementationVersionName: 0x55,
} as const;

/** AE titles are 16 characters of the Default Character Repertoire without backslash or control characters (PS3.5 6.2). */
export function checkAETitle(title: string, what: string): string {
  const t = title.trim();
  if (t.length === 0 || t.length > 16 || !/^[\x20-\x7e]+$/.test(t) || t.includes('\\')) {
    throw new RangeError(`${what}: an AE title is 1 to 16 printable ASCII characters without backslash, got ${JSON.stringify(title)}`);
  }
  return t;
}
