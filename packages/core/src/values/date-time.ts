import type { DicomDate as DateShape, DicomTime as TimeShape, DicomDateTime as DateTimeShape } from '@dcmkit/dictionary';

const num = (s: string | undefined) => (s === undefined || s === '' ? undefined : Number(s));
const fraction = (s: string | undefined) => (s ? Number(`0.${s}`) : undefined);

// DA: YYYYMMDD; the ACR-NEMA form YYYY.MM.DD is read leniently (PS3.5 Table 6.2-1, note).
const DA = /^(\d{4})\.?(\d{2})\.?(\d{2})$/;
// TM: HH[MM[SS[.F{1-6}]]]; the ACR-NEMA form HH:MM:SS is read leniently.
const TM = /^(\d{2})(?::?(\d{2})(?::?(\d{2})(?:\.(\d{1,6}))?)?)?$/;
// DT: YYYY[MM[DD[HH[MM[SS[.F{1-6}]]]]]][&ZZXX].
const DT = /^(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:\.(\d{1,6}))?([+-]\d{4})?$/;

export class DicomDate implements DateShape {
  constructor(readonly year: number, readonly month: number, readonly day: number, readonly text: string) {}

  /** undefined when the text is not a date. */
  static parse(text: string): DicomDate | undefined {
    const m = DA.exec(text.trim());
    return m ? new DicomDate(Number(m[1]), Number(m[2]), Number(m[3]), text.trim()) : undefined;
  }

  static fromDate(d: Date): DicomDate {
    const text = `${d.getUTCFullYear()}`.padStart(4, '0') + `${d.getUTCMonth() + 1}`.padStart(2, '0') + `${d.getUTCDate()}`.padStart(2, '0');
    return DicomDate.parse(text)!;
  }

  /** Midnight UTC of this date. */
  toDate(): Date {
    return new Date(Date.UTC(this.year, this.month - 1, this.day));
  }

  toString(): string {
    return this.text;
  }

  toJSON(): string {
    return this.text;
  }
}

export class DicomTime implements TimeShape {
  constructor(
    readonly text: string,
    readonly hours: number,
    readonly minutes?: number,
    readonly seconds?: number,
    readonly fraction?: number,
  ) {}

  static parse(text: string): DicomTime | undefined {
    const m = TM.exec(text.trim());
    return m ? new DicomTime(text.trim(), Number(m[1]), num(m[2]), num(m[3]), fraction(m[4])) : undefined;
  }

  /** Seconds since midnight. */
  totalSeconds(): number {
    return this.hours * 3600 + (this.minutes ?? 0) * 60 + (this.seconds ?? 0) + (this.fraction ?? 0);
  }

  toString(): string {
    return this.text;
  }

  toJSON(): string {
    return this.text;
  }
}

export class DicomDateTime implements DateTimeShape {
  constructor(
    readonly text: string,
    readonly year: number,
    readonly month?: number,
    readonly day?: number,
    readonly hours?: number,
    readonly minutes?: number,
    readonly seconds?: number,
    readonly fraction?: number,
    readonly offsetMinutes?: number,
  ) {}

  static parse(text: string): DicomDateTime | undefined {
    const t = text.trim();
    const m = DT.exec(t);
    if (!m) return undefined;
    const z = m[8];
    const offset = z ? (z[0] === '-' ? -1 : 1) * (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5))) : undefined;
    return new DicomDateTime(t, Number(m[1]), num(m[2]), num(m[3]), num(m[4]), num(m[5]), num(m[6]), fraction(m[7]), offset);
  }

  /** The instant, taking the UTC offset when present and UTC otherwise. */
  toDate(): Date {
    const ms = Date.UTC(this.year, (this.month ?? 1) - 1, this.day ?? 1, this.hours ?? 0, this.minutes ?? 0, this.seconds ?? 0);
    return new Date(ms + Math.round((this.fraction ?? 0) * 1000) - (this.offsetMinutes ?? 0) * 60000);
  }

  toString(): string {
    return this.text;
  }

  toJSON(): string {
    return this.text;
  }
}
