import type { PersonName as PersonNameShape, PersonNameComponents } from '@dcmkit/dictionary';

const GROUPS = ['alphabetic', 'ideographic', 'phonetic'] as const;

/** A PN value: component groups separated by '=', components by '^' (PS3.5 6.2.1). */
export class PersonName implements PersonNameShape {
  readonly alphabetic: string;
  readonly ideographic: string;
  readonly phonetic: string;

  constructor(alphabetic: string, ideographic = '', phonetic = '') {
    this.alphabetic = alphabetic;
    this.ideographic = ideographic;
    this.phonetic = phonetic;
  }

  /** From the stored text "Family^Given^Middle^Prefix^Suffix=Ideographic=Phonetic". */
  static parse(text: string): PersonName {
    const [a = '', i = '', p = ''] = text.split('=');
    return new PersonName(a, i, p);
  }

  /** From components, e.g. { familyName: 'Doe', givenName: 'John' }. */
  static fromComponents(c: Partial<PersonNameComponents>): PersonName {
    const parts = [c.familyName, c.givenName, c.middleName, c.namePrefix, c.nameSuffix].map((s) => s ?? '');
    while (parts.length && parts.at(-1) === '') parts.pop();
    return new PersonName(parts.join('^'));
  }

  components(group: (typeof GROUPS)[number] = 'alphabetic'): PersonNameComponents {
    const [familyName = '', givenName = '', middleName = '', namePrefix = '', nameSuffix = ''] = this[group].split('^');
    return { familyName, givenName, middleName, namePrefix, nameSuffix };
  }

  /** The stored form, with empty trailing groups dropped (PS3.5 6.2.1.1). */
  toString(): string {
    const g = [this.alphabetic, this.ideographic, this.phonetic];
    while (g.length > 1 && g.at(-1) === '') g.pop();
    return g.join('=');
  }

  toJSON(): string {
    return this.toString();
  }
}
