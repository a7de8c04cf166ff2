import type { Command } from 'commander';
import { pixelsCommand } from './pixels.js';

/** Each command registers itself on the program. */
export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [pixelsCommand];
