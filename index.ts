/**
 * Programmatic entry of n8n-nodes-therapynotes. n8n itself loads the node and credential files
 * listed in package.json's `n8n` section; this module re-exports the reusable pieces.
 */
export { parse835, build837P, validate837P } from './lib/x12';
