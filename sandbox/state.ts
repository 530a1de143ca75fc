import { randomBytes } from 'node:crypto';
import { Clock } from './http/clock';
import { Stats } from './http/stats';
import { SessionRegistry } from './auth/sessions';
import { Faults } from './faults';
import { seedStore, type DemoLogin, type SandboxSize } from './data/seed';
import type { Store } from './data/store';
import { isoDate } from './util/dates';
import { Random } from './util/random';

export interface SandboxOptions {
	seed: number;
	size: SandboxSize;
	/** Practice-local today; defaults to the real date at start. */
	today?: string;
	idleTimeoutMinutes: number;
	browserOnlyLogin: boolean;
}

export const DEFAULT_OPTIONS: SandboxOptions = { seed: 1, size: 'solo', idleTimeoutMinutes: 60, browserOnlyLogin: false };

/** Everything one sandbox instance holds; `reset()` re-seeds it in place. */
export class SandboxState {
	readonly clock = new Clock();
	readonly jwtSecret = randomBytes(32).toString('hex');
	store!: Store;
	demo!: DemoLogin;
	stats!: Stats;
	sessions!: SessionRegistry;
	faults!: Faults;
	/** Drives the sandbox's own random choices after seeding (adjudication outcomes, ids). */
	random!: Random;
	options: SandboxOptions & { today: string };

	constructor(options: Partial<SandboxOptions> = {}) {
		this.options = { ...DEFAULT_OPTIONS, ...options, today: options.today ?? isoDate(new Date()) };
		this.reset();
	}

	reset(overrides: Partial<SandboxOptions> = {}): void {
		this.options = { ...this.options, ...overrides };
		this.clock.reset(this.options.today);
		const { store, demo } = seedStore(this.options);
		this.store = store;
		this.demo = demo;
		this.stats = new Stats();
		this.sessions = new SessionRegistry(this.clock, this.options.idleTimeoutMinutes * 60_000);
		this.faults = new Faults(this.options.seed);
		this.random = new Random(this.options.seed * 7919 + 17);
	}

	nowIso(): string {
		return this.clock.nowIso();
	}
}
