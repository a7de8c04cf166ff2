// PLACEHOLDER (lead): replaced by the charset helper's module.
export class SpecificCharacterSet {
  static readonly DEFAULT = new SpecificCharacterSet([]);
  readonly warnings: string[] = [];
  constructor(readonly terms: readonly string[]) {}
  static from(values: readonly string[]) { return new SpecificCharacterSet(values); }
  get isDefault() { return this.terms.length === 0 || (this.terms.length === 1 && this.terms[0] === ''); }
  decode(bytes: Uint8Array, _vr: string): string { return new TextDecoder(this.terms.includes('ISO_IR 192') ? 'utf-8' : 'latin1').decode(bytes); }
  encode(text: string, _vr: string): Uint8Array { return new TextEncoder().encode(text); }
}
