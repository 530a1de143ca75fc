/**
 * X12 benchmark: parse835 throughput against node-x12's X12Parser on the same
 * generated 835, and build837P time for a 1,000-claim batch.
 * Run standalone with `npx tsx bench/x12.bench.ts`.
 */
import { X12Parser } from 'node-x12';
import { performance } from 'perf_hooks';
import { build837P, centsToDecimal, parse835, validate837P, type Adjustment, type ClaimBatchInput, type Remittance835 } from '../lib/x12';

export interface X12BenchResult {
	/** parse835 throughput, MB (10^6 bytes) per second, median of the runs. */
	x12_835_mb_s: number;
	/** The same per CPU-second of this process (all its threads, the garbage collector's included): steadier on a shared machine. */
	x12_835_mb_cpu_s: number;
	/**
	 * parse835 plus reading every field of every claim, line and adjustment (what
	 * the ERA detail operation does): the honest figure for a result read lazily.
	 */
	x12_835_read_all_mb_s: number;
	x12_835_read_all_mb_cpu_s: number;
	/** node-x12 X12Parser throughput on the same text. */
	x12_node_x12_mb_s: number;
	/** Ours divided by theirs. */
	x12_vs_node_x12: number;
	/** Median milliseconds for build837P (validation included) of 1,000 claims. */
	x12_837p_1000_ms: number;
}

const RUNS = 5;
/**
 * parse835 runs take a tenth of a second, so more of them cost little and
 * steady the median on a shared machine. Three untimed runs first: n8n parses
 * with a warm engine, and one run leaves the optimizing compiler mid-way.
 */
const PARSE_RUNS = 9;
const PARSE_WARM_UPS = 3;
const TARGET_BYTES = 10 * 1024 * 1024;
const CLAIMS_PER_TRANSACTION = 1000;
const ISA = 'ISA*00*          *00*          *ZZ*PAYERSENDER    *ZZ*CALMMIND01     *240305*1407*^*00501*000000001*0*P*:~';

/** One balanced claim with two service lines; amounts vary so the parser cannot shortcut them. */
function claimSegments(n: number): { segments: string[]; paidCents: number } {
	const charge = 10000 + (n % 97) * 125;
	const allowed = Math.floor(charge * 0.8);
	const patientShare = 2000 + (n % 13) * 5;
	const linePaid = allowed - patientShare;
	const contractual = charge - allowed;
	const money = centsToDecimal;
	const line = (code: string, mod: string): string[] => [
		`SVC*HC:${code}:${mod}*${money(charge)}*${money(linePaid)}**1`,
		'DTM*472*20240301',
		`CAS*CO*45*${money(contractual)}`,
		`CAS*PR*2*${money(patientShare)}`,
		`REF*6R*L${n}${code}`,
		`AMT*B6*${money(allowed)}`,
	];
	const segments = [
		`CLP*TN${n}*1*${money(2 * charge)}*${money(2 * linePaid)}*${money(2 * patientShare)}*12*PCN${n}0001`,
		`NM1*QC*1*PATIENT${n}*ALEX****MI*MEM${n}`,
		`NM1*82*1*KILDARE*BEN****XX*1912301953`,
		'DTM*232*20240301',
		...line('90837', '95'),
		...line('90785', 'GT'),
	];
	return { segments, paidCents: 2 * linePaid };
}

function transaction(control: number, firstClaim: number): string[] {
	const body: string[] = [];
	let paidCents = 0;
	for (let n = firstClaim; n < firstClaim + CLAIMS_PER_TRANSACTION; n++) {
		const claim = claimSegments(n);
		paidCents += claim.paidCents;
		body.push(...claim.segments);
	}
	const header = [
		`ST*835*${control}`,
		`BPR*I*${centsToDecimal(paidCents)}*C*ACH*CCP*01*111000025*DA*123456*1512345678**01*111000025*DA*98765*20240305`,
		`TRN*1*EFT${control}*1512345678`,
		'N1*PR*ACME HEALTH PLAN*XV*12345',
		'N1*PE*CALM MIND THERAPY LLC*XX*1234567893',
		'LX*1',
	];
	const segments = [...header, ...body];
	segments.push(`SE*${segments.length + 1}*${control}`);
	return segments;
}

/** A single interchange/group holding as many 1,000-claim transactions as reach `targetBytes`. */
export function generate835(targetBytes: number): string {
	const parts: string[] = [ISA, 'GS*HP*PAYERSENDER*CALMMIND01*20240305*1407*1*X*005010X221A1~'];
	let bytes = ISA.length;
	let sets = 0;
	while (bytes < targetBytes) {
		sets++;
		const text = transaction(1000 + sets, sets * CLAIMS_PER_TRANSACTION).join('~') + '~';
		parts.push(text);
		bytes += text.length;
	}
	parts.push(`GE*${sets}*1~`, 'IEA*1*000000001~');
	return parts.join('');
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

interface Timing {
	/** Median wall milliseconds. */
	wallMs: number;
	/** Median CPU milliseconds of the whole process (user + system, every thread). */
	cpuMs: number;
}

/**
 * Median times of `runs` calls. An untimed warm-up call comes first and its
 * result goes to `check`, so correctness is verified without keeping a result
 * alive during the timed runs.
 */
function timeMedian<T>(runs: number, work: () => T, check: (result: T) => void): number {
	return timeRuns(runs, work, check).wallMs;
}

function timeRuns<T>(runs: number, work: () => T, check: (result: T) => void, warmUps = 1): Timing {
	check(work());
	for (let i = 1; i < warmUps; i++) work();
	const wall: number[] = [];
	const cpu: number[] = [];
	for (let i = 0; i < runs; i++) {
		const cpuStart = process.cpuUsage();
		const start = performance.now();
		work();
		wall.push(performance.now() - start);
		const used = process.cpuUsage(cpuStart);
		cpu.push((used.user + used.system) / 1000);
	}
	return { wallMs: median(wall), cpuMs: median(cpu) };
}

/**
 * Reads every field of every transaction, claim, line and adjustment, as the
 * ERA detail operation does, and folds them into a number so none of it can be
 * skipped. Equal sums from two parsers also mean they read the same values.
 */
export function readEveryField(parsed: Remittance835): number {
	let sum = 0;
	const text = (value: string | null): number => (value === null ? 1 : value.length + 2);
	const number = (value: number | null): number => (value === null ? 3 : value % 1000);
	const adjustments = (list: readonly Adjustment[]): void => {
		for (const a of list) sum += text(a.group) + text(a.reason) + number(a.amountCents) + number(a.quantity);
	};
	for (const t of parsed.transactions) {
		sum += text(t.controlNumber) + number(t.payment.amountCents) + text(t.payment.traceNumber) + text(t.payer.id) + t.problems.length;
		for (const c of t.claims) {
			sum += text(c.patientControlNumber) + text(c.statusCode) + number(c.chargeCents) + number(c.paidCents);
			sum += number(c.patientResponsibilityCents) + text(c.claimFilingIndicator) + text(c.payerClaimNumber);
			sum += text(c.statementFrom) + text(c.statementTo) + number(c.segmentNumber);
			if (c.patient !== null) sum += text(c.patient.lastName) + text(c.patient.firstName) + text(c.patient.memberId);
			adjustments(c.adjustments);
			for (const s of c.services) {
				sum += text(s.procedureQualifier) + text(s.procedureCode) + s.modifiers.length + number(s.chargeCents) + number(s.paidCents);
				sum += text(s.revenueCode) + number(s.units) + text(s.serviceDate) + text(s.serviceDateEnd) + text(s.lineControlNumber);
				sum += number(s.allowedCents) + s.remarkCodes.length + number(s.segmentNumber);
				for (const modifier of s.modifiers) sum += text(modifier);
				adjustments(s.adjustments);
			}
		}
	}
	return sum;
}

export function benchBatch(claims: number): ClaimBatchInput {
	const address = { line1: '1 MAIN ST', city: 'AUSTIN', state: 'TX', zip: '78702' };
	return {
		interchangeControlNumber: 1,
		groupControlNumber: 1,
		createdAt: '2024-03-05T14:07:00Z',
		submitter: { name: 'CALM MIND THERAPY', id: 'CALMMIND01', contactName: 'JANE DOE', phone: '5551234567' },
		receiver: { name: 'CLEARINGHOUSE', id: '030240928' },
		billingProvider: { name: 'CALM MIND THERAPY LLC', npi: '1234567893', taxId: '123456789', address: { ...address, zip: '787011234' } },
		claims: Array.from({ length: claims }, (_, i) => ({
			claimId: `TN${i}`,
			subscriber: { lastName: 'DOE', firstName: `PAT${i}`, memberId: `M${i}`, dateOfBirth: '1980-01-31', gender: 'F' as const, address },
			payer: { name: 'AETNA', id: '60054' },
			placeOfService: '10' as const,
			diagnoses: ['F41.1', 'F32.A'],
			renderingProvider: { npi: '1912301953', lastName: 'KILDARE', firstName: 'BEN' },
			serviceLines: [
				{ procedureCode: '90837', modifiers: ['95'], units: 1, chargeCents: 15000 + i, serviceDate: '2024-03-01', lineControlNumber: `L${i}A` },
				{ procedureCode: '90785', units: 1, chargeCents: 2550, serviceDate: '2024-03-01', lineControlNumber: `L${i}B` },
			],
		})),
	};
}

export async function runX12Bench(): Promise<X12BenchResult> {
	const text = generate835(TARGET_BYTES);
	const megabytes = Buffer.byteLength(text) / 1e6;
	let transactionSets = 0;
	// Lightest first: what a phase leaves for the garbage collector is then not billed to a lighter one.
	const batch = benchBatch(1000);
	const buildMs = timeMedian(RUNS, () => build837P(batch), (built) => {
		if (!validate837P(built).valid) throw new Error('built 837P does not validate');
	});
	const ours = timeRuns(PARSE_RUNS, () => parse835(text), (parsed) => {
		if (!parsed.transactions.every((t) => t.balanced)) throw new Error('generated 835 does not balance');
		transactionSets = parsed.transactions.length;
	}, PARSE_WARM_UPS);
	const readAll = timeRuns(PARSE_RUNS, () => readEveryField(parse835(text)), (sum) => {
		if (!(sum > 0)) throw new Error('reading every field summed to nothing');
	}, PARSE_WARM_UPS);
	const theirsMs = timeMedian(RUNS, () => new X12Parser(true).parse(text), (theirs) => {
		const theirSets = 'functionalGroups' in theirs ? theirs.functionalGroups[0].transactions.length : -1;
		if (theirSets !== transactionSets) throw new Error(`node-x12 read ${theirSets} transaction sets, we read ${transactionSets}`);
	});
	const perSecond = (ms: number): number => megabytes / (ms / 1000);
	const node = perSecond(theirsMs);
	return {
		x12_835_mb_s: round(perSecond(ours.wallMs)),
		x12_835_mb_cpu_s: round(perSecond(ours.cpuMs)),
		x12_835_read_all_mb_s: round(perSecond(readAll.wallMs)),
		x12_835_read_all_mb_cpu_s: round(perSecond(readAll.cpuMs)),
		x12_node_x12_mb_s: round(node),
		x12_vs_node_x12: round(perSecond(ours.wallMs) / node),
		x12_837p_1000_ms: round(buildMs),
	};
}

const round = (value: number): number => Math.round(value * 100) / 100;

if (require.main === module) {
	runX12Bench().then(
		(result) => {
			for (const [name, value] of Object.entries(result)) process.stdout.write(`${name}: ${value}\n`);
		},
		(error: unknown) => {
			process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
			process.exitCode = 1;
		},
	);
}
