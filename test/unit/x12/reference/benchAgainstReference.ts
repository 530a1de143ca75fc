/**
 * Same-run comparison of parse835 with the frozen reference parser on the
 * benchmark's generated 10 MB ERA, alternating, so a shared machine's load
 * falls on both alike. Not a test: run `npx tsx test/unit/x12/reference/benchAgainstReference.ts [names…]`
 * (names: ours, oursAll, reference, referenceAll). Name one parser's variants
 * per run: otherwise what one parser's results leave to the garbage collector
 * is billed to the other.
 */
import { performance } from 'perf_hooks';
import { generate835, readEveryField } from '../../../../bench/x12.bench';
import { parse835 } from '../../../../lib/x12';
import { parse835 as referenceParse835 } from './parse835';

const ROUNDS = 9;

function main(): void {
	const text = generate835(10 * 1024 * 1024);
	const megabytes = Buffer.byteLength(text) / 1e6;
	const variants: Record<string, () => unknown> = {
		ours: () => parse835(text),
		reference: () => referenceParse835(text),
		oursAll: () => readEveryField(parse835(text)),
		referenceAll: () => readEveryField(referenceParse835(text)),
	};
	const asked = process.argv.slice(2);
	const names = Object.keys(variants).filter((name) => asked.length === 0 || asked.includes(name));
	if (readEveryField(parse835(text)) !== readEveryField(referenceParse835(text))) throw new Error('the two parsers read different values');
	const wall = new Map<string, number[]>(names.map((name) => [name, []]));
	const cpu = new Map<string, number[]>(names.map((name) => [name, []]));
	for (const name of names) variants[name]();
	for (let round = 0; round < ROUNDS; round++) {
		for (const name of names) {
			const cpuStart = process.cpuUsage();
			const start = performance.now();
			variants[name]();
			wall.get(name)?.push(performance.now() - start);
			const used = process.cpuUsage(cpuStart);
			cpu.get(name)?.push((used.user + used.system) / 1000);
		}
	}
	const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1];
	for (const name of names) {
		const perSecond = (ms: number): string => (megabytes / (ms / 1000)).toFixed(1);
		process.stdout.write(`${name.padEnd(13)} ${perSecond(median(wall.get(name) ?? []))} MB/s  ${perSecond(median(cpu.get(name) ?? []))} MB/CPU-s\n`);
	}
}

main();
