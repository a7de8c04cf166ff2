// `dcmkit rt FILE`: an RT Structure Set, RT Dose or RT (Ion) Plan summarised (PS3.3 A.18-A.20, A.49):
// ROIs and their contours; dose units, grid and range; fraction groups and beams. --json for data.
import { readDose, readPlan, readStructureSet, rtObjectKind, type DicomFile, type RTDose, type RTIdentification, type RTPlan, type StructureSet, type StructureSetROI } from '@dcmkit/core';
import { doseGrid } from '@dcmkit/pixel';
import { registerCodecs } from '../codecs.js';
import { UsageError, openDicom, out } from '../io.js';
import type { RegisterCommand } from './index.js';

interface RtOptions {
  json?: boolean;
  points?: boolean;
}

/** A number with at most 4 decimals, trailing zeros dropped. */
const num = (n: number): string => String(Number(n.toFixed(4)));
const quoted = (s: string) => (s ? `'${s}'` : '-');
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
/** The label, the name when it says more, and the date and time. */
const titled = (o: RTIdentification) => `${quoted(o.label)}${o.name && o.name !== o.label ? ` (${o.name})` : ''}${o.date ? `, ${o.date} ${o.time}` : ''}`;

function roiLine(roi: StructureSetROI): string {
  const kinds = [...new Set(roi.observations.map((o) => o.interpretedType).filter(Boolean)), roi.generationAlgorithm].filter(Boolean);
  const points = roi.contours.reduce((n, c) => n + c.points.length / 3, 0);
  const zs = roi.contours.flatMap((c) => (c.points.length ? [c.points[2]!] : []));
  const types = [...new Set(roi.contours.map((c) => c.geometricType))].join(', ');
  const images = new Set(roi.contours.flatMap((c) => c.images.map((i) => i.sopInstanceUID))).size;
  const head = [
    `ROI ${roi.number} ${quoted(roi.name)}${kinds.length ? ` (${kinds.join(', ')})` : ''}`,
    roi.displayColor ? `colour ${roi.displayColor.join('\\')}` : undefined,
    roi.volume !== undefined ? `volume ${num(roi.volume)} cm³` : undefined,
  ].filter(Boolean);
  const body = roi.contours.length
    ? [
        `${plural(roi.contours.length, 'contour')} ${types}`,
        plural(points, 'point'),
        `z ${num(Math.min(...zs))}${zs.length > 1 && Math.min(...zs) !== Math.max(...zs) ? `..${num(Math.max(...zs))}` : ''} mm`,
        images ? `on ${plural(images, 'image')}` : undefined,
      ].filter(Boolean)
    : ['no contours'];
  return `${head.join(', ')}: ${body.join(', ')}`;
}

function formatStructureSet(ss: StructureSet): string[] {
  return [
    `RT Structure Set ${titled(ss)}: ${plural(ss.rois.length, 'ROI')}`,
    ...ss.frameOfReferenceUIDs.map((uid) => `  Frame of Reference ${uid}`),
    ...ss.rois.map((roi) => `  ${roiLine(roi)}`),
  ];
}

function formatDose(dose: RTDose, range?: { min: number; max: number }): string[] {
  const lines = [`RT Dose: ${dose.doseType} dose in ${dose.doseUnits}, summation ${dose.doseSummationType}${dose.doseComment ? ` (${dose.doseComment})` : ''}`];
  const grid = dose.grid;
  if (grid) {
    const [sx, sy, sz] = grid.plane.imagePositionPatient;
    const zs = grid.framePositions.map((p) => p[2]);
    lines.push(
      `  grid ${grid.columns} x ${grid.rows} x ${plural(grid.numberOfFrames, 'frame')}, pixel spacing ${grid.plane.pixelSpacing.map(num).join(' x ')} mm, Dose Grid Scaling ${grid.doseGridScaling}`,
      `  first frame at (${[sx, sy, sz].map(num).join(', ')}) mm${zs.length > 1 ? `, frames at z ${num(Math.min(...zs))}..${num(Math.max(...zs))} mm` : ''}`,
    );
    if (range) lines.push(`  dose ${num(range.min)}..${num(range.max)} ${dose.doseUnits}`);
  } else {
    lines.push('  no dose grid (no Pixel Data)');
  }
  for (const p of dose.referencedPlans) lines.push(`  for plan ${p.sopInstanceUID}${p.beamNumbers.length ? `, beams ${p.beamNumbers.join(', ')}` : ''}`);
  return lines;
}

function formatPlan(plan: RTPlan): string[] {
  const units = new Map(plan.beams.map((b) => [b.number, b.primaryDosimeterUnit || 'MU']));
  return [
    `RT ${plan.ion ? 'Ion ' : ''}Plan ${titled(plan)}: intent ${plan.intent || '-'}, geometry ${plan.geometry}`,
    ...plan.fractionGroups.flatMap((g) => [
      `  fraction group ${g.number}: ${g.numberOfFractionsPlanned === undefined ? '?' : g.numberOfFractionsPlanned} fractions, ${plural(g.numberOfBeams, 'beam')}${g.numberOfBrachyApplicationSetups ? `, ${plural(g.numberOfBrachyApplicationSetups, 'brachy application setup')}` : ''}`,
      ...g.referencedBeams.map(
        (r) => `    beam ${r.beamNumber}: ${r.meterset === undefined ? 'no meterset' : `meterset ${num(r.meterset)} ${units.get(r.beamNumber) ?? 'MU'}`}${r.dose === undefined ? '' : `, dose ${num(r.dose)} Gy`}`,
      ),
    ]),
    ...plan.beams.map((b) => {
      const energy = b.nominalBeamEnergy === undefined ? '' : ` ${num(b.nominalBeamEnergy)} MeV`;
      const gantry = b.gantryAngles.first === b.gantryAngles.last ? `${num(b.gantryAngles.first)}°` : `${num(b.gantryAngles.first)}° to ${num(b.gantryAngles.last)}° ${b.gantryRotationDirection}`;
      return `  beam ${b.number} ${quoted(b.name)}: ${b.type} ${b.radiationType || '?'}${energy} on ${b.treatmentMachineName || '?'}, ${plural(b.numberOfControlPoints, 'control point')}, gantry ${gantry}`;
    }),
  ];
}

/** The structure set as JSON: contours with their point counts (and the points with --points). */
const structureSetJson = (ss: StructureSet, points: boolean) => ({
  ...ss,
  rois: ss.rois.map((roi) => ({
    ...roi,
    contours: roi.contours.map(({ points: p, ...c }) => ({ ...c, numberOfPoints: p.length / 3, ...(points ? { points: Array.from(p) } : {}) })),
  })),
});

async function summarise(file: DicomFile, opts: RtOptions): Promise<{ json: object; lines: string[]; warnings: string[] }> {
  const kind = rtObjectKind(file.dataset);
  switch (kind) {
    case 'structure-set': {
      const ss = readStructureSet(file);
      return { json: { kind, ...structureSetJson(ss, !!opts.points) }, lines: formatStructureSet(ss), warnings: ss.warnings };
    }
    case 'dose': {
      registerCodecs();
      const volume = file.dataset.has('PixelData') ? await doseGrid(file) : undefined;
      const dose = volume?.dose ?? readDose(file);
      const range = volume && { min: volume.min, max: volume.max };
      return { json: { kind, ...dose, ...(range ? { range } : {}) }, lines: formatDose(dose, range), warnings: dose.warnings };
    }
    case 'plan': {
      const plan = readPlan(file);
      return { json: { kind, ...plan }, lines: formatPlan(plan), warnings: plan.warnings };
    }
    default:
      throw new UsageError(`${file.source.name ?? 'the file'} is not an RT Structure Set, RT Dose or RT Plan (SOP Class ${file.dataset.getString('SOPClassUID') ?? 'absent'})`);
  }
}

export const rtCommand: RegisterCommand = (program) => {
  program
    .command('rt')
    .description('summarise an RT Structure Set (ROIs, contours), RT Dose (units, grid, range) or RT Plan (fractions, beams)')
    .argument('<file>', 'RTSTRUCT, RTDOSE or RTPLAN file')
    .option('--json', 'print what was read as JSON')
    .option('--points', 'with --json: include every contour point')
    .action(async (path: string, opts: RtOptions) => {
      // Whole values in memory: Contour Data of a large ROI runs past the default bulk threshold.
      const file = await openDicom(path, { bulkThreshold: Number.MAX_SAFE_INTEGER });
      try {
        const { json, lines, warnings } = await summarise(file, opts);
        if (opts.json) await out(`${JSON.stringify(json, null, 2)}\n`);
        else await out([...lines, ...warnings.map((w) => `  warning: ${w}`)].join('\n') + '\n');
      } finally {
        await file.source.close?.();
      }
    });
};
