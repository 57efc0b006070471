#!/usr/bin/env node
// Entry point for `npx retention`: registers the TypeScript loader, then runs the command line.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../worker/cli.ts');
process.exitCode = await main(process.argv.slice(2));
