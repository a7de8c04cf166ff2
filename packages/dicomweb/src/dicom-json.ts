// Reading and writing DICOM JSON (PS3.18 F.2) values: helpers shared by the server and clients.
import type { DicomJson, DicomJsonAttribute, DicomJsonPersonName, DicomJsonValue } from '@dcmkit/core';

/** An attribute with these values (none: an empty attribute, which has only "vr"). */
export const jsonAttribute = (vr: string, ...values: DicomJsonValue[]): DicomJsonAttribute => (values.length ? { vr, Value: values } : { vr });

/** The first value of an attribute as text (numbers as written, PN as its Alphabetic group); undefined when absent or empty. */
export function firstText(json: DicomJson, tag: string): string | undefined {
  const v = json[tag]?.Value?.[0];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'object') return (v as DicomJsonPersonName).Alphabetic ?? undefined;
  const text = String(v).trim();
  return text === '' ? undefined : text;
}

/** The first value as an integer (IS, US, UL ...); undefined when absent or not an integer. */
export function firstInteger(json: DicomJson, tag: string): number | undefined {
  const v = json[tag]?.Value?.[0];
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isInteger(n) ? n : undefined;
}

/** The items of a sequence attribute. */
export const itemsOf = (json: DicomJson, tag: string): DicomJson[] => (json[tag]?.vr === 'SQ' ? ((json[tag]!.Value ?? []) as DicomJson[]) : []);
