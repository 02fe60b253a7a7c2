#!/usr/bin/env node
// The h2h command. TypeScript runs as-is through tsx: no build step to forget.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
