import type { Command } from 'commander';
import { pixelsCommand } from './pixels.js';
import { registerDump } from './dump.js';
import { huCommand } from './hu.js';
import { renderCommand } from './render.js';
import { registerJson } from './json.js';
import { srCommand } from './sr.js';
import { extractPdfCommand } from './extract-pdf.js';
import { encapsulatePdfCommand } from './encapsulate-pdf.js';
import { dicomdirCommand } from './dicomdir.js';
import { treeCommand } from './tree.js';
import { anonymizeCommand } from './anonymize.js';
import { rtCommand } from './rt.js';
import { waveformCommand } from './waveform.js';
import { convertCommand } from './convert.js';
import { serveCommand } from './serve.js';
import { repairCommand } from './repair.js';
import { tokenCommand } from './token.js';
import { echoCommand } from './echo.js';
import { storeCommand } from './store.js';
import { findCommand } from './find.js';
import { moveCommand } from './move.js';
import { getCommand } from './get.js';

/** Each command registers itself on the program. */
export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [pixelsCommand, registerDump, huCommand, renderCommand, registerJson, srCommand, extractPdfCommand, encapsulatePdfCommand, dicomdirCommand, treeCommand, anonymizeCommand, convertCommand, rtCommand, waveformCommand, serveCommand, repairCommand, tokenCommand, echoCommand, storeCommand, findCommand, moveCommand, getCommand];
