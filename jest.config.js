/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
	},
	modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/test/e2e/n8n/', '<rootDir>/test/e2e/n8n1/'],
	testTimeout: 30000,
	// Suite-wide PHI and secret leak scan (issue #9): every file's output is captured and scanned.
	setupFilesAfterEnv: ['<rootDir>/test/helpers/leakScanCapture.ts'],
	globalSetup: '<rootDir>/test/helpers/leakScanGlobalSetup.ts',
	globalTeardown: '<rootDir>/test/helpers/leakScanGlobalTeardown.ts',
};
