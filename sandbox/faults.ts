import { Random } from './util/random';

export const FAULT_KINDS = ['latency', '5xx', '429', 'drop', 'expire', 'drift'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultRule {
	/** A handler name ("patients/save"), an area prefix ("patients/*"), or "*". */
	handler: string;
	fault: FaultKind;
	/** Share of matching requests hit, 0..1 (default 1). */
	rate: number;
	/** Fire at most this many times, then the rule retires (default unlimited). */
	count: number | null;
	latencyMs: number;
	status: number;
	retryAfterSeconds: number;
}

export interface FaultPlan {
	latencyMs: number;
	before: '5xx' | '429' | 'expire' | null;
	status: number;
	retryAfterSeconds: number;
	drop: boolean;
	drift: boolean;
}

export class FaultConfigError extends Error {}

/** Validates one rule from the admin API, naming the field that is wrong. */
function parseRule(raw: unknown, index: number): FaultRule {
	const where = `rules[${index}]`;
	if (!raw || typeof raw !== 'object') throw new FaultConfigError(`${where} must be an object`);
	const r = raw as Record<string, unknown>;
	if (typeof r.handler !== 'string' || r.handler === '') throw new FaultConfigError(`${where}.handler must be a handler name, "area/*" or "*"`);
	if (!FAULT_KINDS.includes(r.fault as FaultKind)) throw new FaultConfigError(`${where}.fault must be one of ${FAULT_KINDS.join(', ')}`);
	const num = (key: string, fallback: number, min: number, max: number): number => {
		if (r[key] === undefined) return fallback;
		const value = r[key];
		if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
			throw new FaultConfigError(`${where}.${key} must be a number from ${min} to ${max}`);
		}
		return value;
	};
	return {
		handler: r.handler,
		fault: r.fault as FaultKind,
		rate: num('rate', 1, 0, 1),
		count: r.count === undefined ? null : num('count', 1, 0, 1_000_000),
		latencyMs: num('latencyMs', 250, 0, 60_000),
		status: num('status', 500, 500, 599),
		retryAfterSeconds: num('retryAfterSeconds', 1, 0, 3600),
	};
}

export class Faults {
	private rules: FaultRule[] = [];
	private random: Random;

	constructor(seed: number) {
		this.random = new Random(seed ^ 0xfa017);
	}

	/** Replaces the rule set. `{ rules: [] }` turns every fault off. */
	configure(body: unknown): FaultRule[] {
		const b = (body ?? {}) as { rules?: unknown; seed?: unknown };
		if (!Array.isArray(b.rules)) throw new FaultConfigError('rules must be an array');
		const rules = b.rules.map(parseRule);
		if (b.seed !== undefined) {
			if (typeof b.seed !== 'number') throw new FaultConfigError('seed must be a number');
			this.random = new Random(b.seed);
		}
		this.rules = rules;
		return rules;
	}

	list(): FaultRule[] {
		return this.rules.map((r) => ({ ...r }));
	}

	plan(handler: string): FaultPlan {
		const plan: FaultPlan = { latencyMs: 0, before: null, status: 500, retryAfterSeconds: 1, drop: false, drift: false };
		for (const rule of this.rules) {
			if (!matches(rule.handler, handler) || rule.count === 0) continue;
			if (rule.fault === 'drift') {
				plan.drift = true;
				continue;
			}
			if (rule.rate < 1 && this.random.next() >= rule.rate) continue;
			if (!this.apply(rule, plan)) continue;
			if (rule.count !== null) rule.count--;
		}
		return plan;
	}

	/** Adds the rule's fault to the plan; false when an earlier rule already decided the outcome. */
	private apply(rule: FaultRule, plan: FaultPlan): boolean {
		switch (rule.fault) {
			case 'latency':
				plan.latencyMs += rule.latencyMs;
				return true;
			case 'drop':
				if (plan.before) return false;
				plan.drop = true;
				return true;
			case 'drift':
				plan.drift = true;
				return true;
			default:
				if (plan.before || plan.drop) return false;
				plan.before = rule.fault;
				plan.status = rule.status;
				plan.retryAfterSeconds = rule.retryAfterSeconds;
				return true;
		}
	}
}

function matches(pattern: string, handler: string): boolean {
	if (pattern === '*') return true;
	if (pattern.endsWith('/*')) return handler.startsWith(pattern.slice(0, -1));
	return pattern === handler;
}
