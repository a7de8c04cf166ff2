// Value shapes of the typed keyword access; implemented in @dcmkit/core.

/** One component group of a Person Name (PS3.5 6.2.1.1). */
export interface PersonNameComponents {
  familyName: string;
  givenName: string;
  middleName: string;
  namePrefix: string;
  nameSuffix: string;
}

/** A PN value: up to three component groups, alphabetic=ideographic=phonetic (PS3.5 6.2.1.2). */
export interface PersonName {
  readonly alphabetic: string;
  readonly ideographic: string;
  readonly phonetic: string;
  components(group?: 'alphabetic' | 'ideographic' | 'phonetic'): PersonNameComponents;
  toString(): string;
}

/** A DA value (PS3.5 Table 6.2-1): YYYYMMDD, the original text kept. */
export interface DicomDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly text: string;
  toString(): string;
}

/** A TM value: HH[MM[SS[.F{1-6}]]], absent parts undefined. */
export interface DicomTime {
  readonly hours: number;
  readonly minutes?: number;
  readonly seconds?: number;
  readonly fraction?: number;
  readonly text: string;
  toString(): string;
}

/** A DT value: YYYY[MM[DD[HH[MM[SS[.F]]]]]][&ZZXX]. */
export interface DicomDateTime {
  readonly year: number;
  readonly month?: number;
  readonly day?: number;
  readonly hours?: number;
  readonly minutes?: number;
  readonly seconds?: number;
  readonly fraction?: number;
  /** UTC offset in minutes when the value carries one. */
  readonly offsetMinutes?: number;
  readonly text: string;
  toString(): string;
}

/** A sequence item; @dcmkit/core's DataSet. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DataSetLike {}
