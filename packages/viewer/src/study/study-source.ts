// A study as the study view shows it, from the archive or from local files: series of instances,
// decoded frames, whole instances, thumbnails.
import { SopClass, isStructuredReportClass, type DataSet, type DicomFile, type InstanceNode, type PatientNode, type StudyNode } from '@dcmkit/core';
import type { PixelFrame } from '@dcmkit/pixel';
import type { ImageStack, StackImage } from '../frames/image-stack.js';
import { sliceOrder } from './slice-order.js';

/** What a series holds, which decides how it is shown. */
export type SeriesKind = 'images' | 'report' | 'pdf' | 'other';

export interface SeriesItem {
  uid: string;
  modality: string;
  number?: number;
  description: string;
  kind: SeriesKind;
  /** Instances in stack order (sliceOrder); `ref` holds each one's attributes. */
  instances: InstanceNode<DataSet>[];
}

export interface StudySource {
  readonly origin: 'archive' | 'local';
  readonly patient: Omit<PatientNode<DataSet>, 'studies'>;
  readonly study: Omit<StudyNode<DataSet>, 'series'>;
  readonly series: SeriesItem[];
  /** Frame `frameIndex` (0-based) of an instance, decoded. */
  loadFrame(series: SeriesItem, instance: InstanceNode<DataSet>, frameIndex: number): Promise<PixelFrame>;
  /** The whole instance, parsed (documents). */
  openInstance(series: SeriesItem, instance: InstanceNode<DataSet>): Promise<DicomFile>;
  /** The instance's attributes for the metadata panel, without its pixel data when the source can leave it out. */
  instanceMetadata(series: SeriesItem, instance: InstanceNode<DataSet>): Promise<InstanceMetadata>;
  /** A thumbnail URL of `image` (the middle of the series' stack) when the source makes them (WADO-RS); else the view renders one. */
  thumbnailUrl?(series: SeriesItem, image: StackImage): string;
}

export interface InstanceMetadata {
  /** The attributes, as dumpLines lists them. */
  file: DicomFile;
  /** Bulk data (Pixel Data ...) was not retrieved: those values are empty in `file`. */
  bulkDataLeftOut: boolean;
}

/** An instance's kind from its SOP Class and attributes. */
export function instanceKind(ds: DataSet): SeriesKind {
  const sopClass = ds.getText('SOPClassUID')?.replace(/\0/g, '').trim() ?? '';
  if (isStructuredReportClass(sopClass)) return 'report';
  if (sopClass === SopClass.EncapsulatedPDFStorage) return 'pdf';
  return ds.has('Rows') && ds.has('Columns') ? 'images' : 'other';
}

/** Every frame of every image instance of a series, in order. */
export function seriesStack(source: StudySource, series: SeriesItem): ImageStack {
  const images = series.instances
    .filter((instance) => instanceKind(instance.ref) === 'images')
    .flatMap((instance) =>
      Array.from({ length: Math.max(1, instance.numberOfFrames) }, (_, frameIndex) => ({
        key: `${instance.sopInstanceUID}/${frameIndex}`,
        sopInstanceUID: instance.sopInstanceUID,
        dataset: instance.ref,
        frameIndex,
        load: () => source.loadFrame(series, instance, frameIndex),
      })),
    );
  return { id: series.uid, images };
}

/**
 * Series items of a study node, each series' kind taken from its first instance, its instances in stack
 * order; `arrival` numbers each instance's attributes in the order they came (0 first).
 */
export function seriesItems(study: StudyNode<DataSet>, arrival: ReadonlyMap<DataSet, number>): SeriesItem[] {
  const arrived = (a: InstanceNode<DataSet>, b: InstanceNode<DataSet>) => arrival.get(a.ref)! - arrival.get(b.ref)!;
  return study.series.map((s) => ({
    uid: s.seriesInstanceUID,
    modality: s.modality,
    ...(s.seriesNumber !== undefined ? { number: s.seriesNumber } : {}),
    description: s.seriesDescription,
    kind: s.instances.some((i) => instanceKind(i.ref) === 'images') ? 'images' : s.instances[0] ? instanceKind(s.instances[0].ref) : 'other',
    instances: sliceOrder(s.instances.toSorted(arrived)),
  }));
}
