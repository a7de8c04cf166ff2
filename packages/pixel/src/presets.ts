// Named CT windows (center and width in Hounsfield Units). These are clinical conventions, not
// DICOM rules. Sources, as facts: Radiopaedia, "Windowing (CT)" (brain W80 L40; subdural W130-300
// L50-100; stroke W40 L40 (or W8 L32); lungs W1500 L-600; mediastinum W350 L50; abdomen soft
// tissues W400 L50; liver W150 L30; head-and-neck soft tissues W350-400 L20-60); the bone window
// W2500 L480 and the abdomen W400 L40 are the defaults of common PACS viewers' CT presets.
import type { Window } from './voi-lut.js';

export interface WindowPreset {
  center: number;
  width: number;
  description: string;
}

export const WINDOW_PRESETS: Readonly<Record<string, WindowPreset>> = {
  brain: { center: 40, width: 80, description: 'brain parenchyma' },
  subdural: { center: 80, width: 200, description: 'subdural blood against the skull (W 130-300, L 50-100)' },
  stroke: { center: 40, width: 40, description: 'grey/white matter differentiation' },
  lung: { center: -600, width: 1500, description: 'lung parenchyma and vessels' },
  mediastinum: { center: 50, width: 350, description: 'mediastinal soft tissues' },
  abdomen: { center: 40, width: 400, description: 'abdominal soft tissues' },
  liver: { center: 30, width: 150, description: 'liver parenchyma' },
  bone: { center: 480, width: 2500, description: 'cortical and trabecular bone' },
  'soft-tissue': { center: 50, width: 400, description: 'soft tissues' },
};

/** A preset by name (case-insensitive; "soft tissue", "soft_tissue" and "soft-tissue" are the same), as a LINEAR window. */
export function windowPreset(name: string): Window | undefined {
  const key = name.trim().toLowerCase().replace(/[\s_]+/g, '-');
  const preset = WINDOW_PRESETS[key];
  return preset && { center: preset.center, width: preset.width, function: 'LINEAR', explanation: key };
}
