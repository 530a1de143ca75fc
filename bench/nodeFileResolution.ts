import Module from 'node:module';

/**
 * `import … from './TherapyNotes.node'` means the `.node.ts` file, but under tsx (which `npm run
 * bench` uses) Node's own resolution tries `.json` before tsx's `.ts`, and finds the node's codex
 * file `TherapyNotes.node.json` beside it. jest resolves `.ts` first, so the test harness never
 * noticed. Importing this module first makes a relative `*.node` request prefer `*.node.ts`.
 */
type Resolve = (request: string, ...rest: unknown[]) => string;
const moduleInternals = Module as unknown as { _resolveFilename: Resolve };
const resolve = moduleInternals._resolveFilename;

moduleInternals._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]): string {
	if (request.startsWith('.') && request.endsWith('.node')) {
		try {
			return resolve.call(this, `${request}.ts`, ...rest);
		} catch {
			// not a TypeScript node file: resolve as asked
		}
	}
	return resolve.call(this, request, ...rest);
};
