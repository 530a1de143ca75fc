import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';

// n8n's community-node config, unchanged for package.json, credentials/ and nodes/. The library,
// the sandbox, tests and scripts are plain Node code that never runs as a node: there, typed
// errors of our own are the right thing to throw, so the node-only error rule is off.
export default [
	...configWithoutCloudSupport,
	{ ignores: ['test/e2e/n8n/**', 'test/e2e/n8n1/**', '.tmp/**'] },
	{
		files: ['lib/**/*.ts', 'sandbox/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
		rules: { '@n8n/community-nodes/require-node-api-error': 'off' },
	},
];
