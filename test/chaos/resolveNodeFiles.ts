import Module from 'node:module';

/**
 * Under tsx (the CLI), `require('…/TherapyNotes.node')` finds `TherapyNotes.node.json` (the codex
 * file) before the `.ts` source, because Node tries `.json` before tsx tries `.ts`; jest resolves
 * it right. Relative requests ending in `.node` are tried as `.node.ts` first. Import this module
 * before anything that loads a node class.
 */
type Resolve = (request: string, parent: unknown, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: Resolve };
const original = loader._resolveFilename;

loader._resolveFilename = function (request, parent, ...rest) {
	if (request.startsWith('.') && request.endsWith('.node')) {
		try {
			return original.call(this, `${request}.ts`, parent, ...rest);
		} catch {
			// not a TypeScript source: resolve as asked
		}
	}
	return original.call(this, request, parent, ...rest);
};
