import path from 'node:path';
import type { Container as ContainerType } from '@n8n/di';

/**
 * n8n-core ships its own copies of some @n8n packages (node_modules/n8n-core/node_modules/@n8n/…),
 * which differ from the top-level ones. A DI key or service must come from the copy n8n-core itself
 * loads, so such modules are resolved from n8n-core's directory.
 */
export function requireFromCore<T>(moduleId: string): T {
	const coreDir = path.dirname(require.resolve('n8n-core/package.json'));
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- resolved at run time on purpose, see above
	return require(require.resolve(moduleId, { paths: [coreDir] })) as T;
}

/** The DI container n8n-core registers and looks up its services in. */
export const Container = requireFromCore<{ Container: typeof ContainerType }>('@n8n/di').Container;
