#!/usr/bin/env node
// The `dcmkit` command: runs the built CLI (npm ci builds it; see the README).
import { run } from '../dist/program.js';

process.exitCode = await run(process.argv.slice(2));
