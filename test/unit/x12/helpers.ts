import * as fs from 'fs';
import * as path from 'path';
import type { ClaimBatchInput } from '../../../lib/x12';

/** Public samples live in the shared folder next to the repository; they are not copied in. */
export const FIXTURES = path.resolve(__dirname, '../../../../shared/fixtures/x12');

export function fixture(relative: string): string {
	return fs.readFileSync(path.join(FIXTURES, relative), 'utf8');
}

/** Every file under FIXTURES whose name ends with one of `extensions`, relative to FIXTURES. */
export function fixtureFiles(...extensions: string[]): string[] {
	const found: string[] = [];
	const walk = (dir: string): void => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(full);
			else if (extensions.some((extension) => entry.name.endsWith(extension))) found.push(path.relative(FIXTURES, full));
		}
	};
	walk(FIXTURES);
	return found.sort();
}

/**
 * A parse result as the plain data JSON carries (what n8n stores). Claims,
 * lines and adjustments are views over the parser's store, so toEqual must
 * compare their data, not their internals.
 */
export function plain<T>(value: T): unknown {
	return JSON.parse(JSON.stringify(value)) as unknown;
}

/** Valid NPIs (Luhn with the 80840 prefix). */
export const BILLING_NPI = '1234567893';
export const RENDERING_NPI = '1912301953';

export function sampleBatch(): ClaimBatchInput {
	return {
		interchangeControlNumber: 907,
		groupControlNumber: 41,
		transactionControlNumber: '0021',
		usage: 'T',
		createdAt: '2024-03-05T14:07:00Z',
		submitter: { name: 'CALM MIND THERAPY', id: 'CALMMIND01', contactName: 'JANE DOE', phone: '5551234567' },
		receiver: { name: 'AVAILITY', id: '030240928' },
		billingProvider: {
			name: 'CALM MIND THERAPY LLC',
			npi: BILLING_NPI,
			taxId: '123456789',
			taxonomyCode: '101YM0800X',
			address: { line1: '12 ELM ST', line2: 'SUITE 3', city: 'AUSTIN', state: 'TX', zip: '787011234' },
		},
		claims: [
			{
				claimId: 'TN-2024-0001',
				subscriber: {
					lastName: 'SMITH',
					firstName: 'JOHN',
					memberId: 'XYZ123456',
					dateOfBirth: '1980-01-31',
					gender: 'M',
					address: { line1: '1 MAIN ST', city: 'AUSTIN', state: 'TX', zip: '78702' },
				},
				payer: { name: 'AETNA', id: '60054' },
				placeOfService: '10',
				diagnoses: ['F41.1', 'F32.A'],
				renderingProvider: { npi: RENDERING_NPI, lastName: 'KILDARE', firstName: 'BEN', taxonomyCode: '101YM0800X' },
				serviceLines: [
					{ procedureCode: '90837', modifiers: ['95'], units: 1, chargeCents: 15000, serviceDate: '2024-03-01', lineControlNumber: 'L1' },
					{ procedureCode: '90785', units: 1, chargeCents: 2550, serviceDate: '2024-03-01', lineControlNumber: 'L2', diagnosisPointers: [1, 2] },
				],
			},
			{
				claimId: 'TN-2024-0002',
				subscriber: {
					lastName: 'JONES',
					firstName: 'MARY',
					memberId: 'ABC987',
					dateOfBirth: '1975-06-15',
					gender: 'F',
					address: { line1: '9 OAK AVE', city: 'DALLAS', state: 'TX', zip: '752010001' },
				},
				patient: {
					lastName: 'JONES',
					firstName: 'TIM',
					dateOfBirth: '2012-09-09',
					gender: 'M',
					address: { line1: '9 OAK AVE', city: 'DALLAS', state: 'TX', zip: '752010001' },
					relationshipToSubscriber: '19',
				},
				payer: { name: 'BLUE CROSS', id: 'BCBSTX' },
				placeOfService: '02',
				frequencyCode: '7',
				payerClaimNumber: '94060555410000',
				diagnoses: ['F90.0'],
				serviceLines: [{ procedureCode: '90834', modifiers: ['95', 'GT'], units: 1, chargeCents: 12034, serviceDate: '2024-02-20' }],
			},
		],
	};
}

/** ISA of the LinuxForHealth samples: 106 characters with "*", "^", ":" and "~". */
const SAMPLE_ISA =
	'ISA*03*9876543210*01*9876543210*30*000000005      *30*12345          *131031*1147*^*00501*000000907*1*T*:~';

/**
 * Wraps 835 body segments (everything between ST and SE) in a complete
 * interchange with correct SE/GE/IEA counts, one segment a line.
 */
export function wrap835(body: string[]): string {
	const transaction = ['ST*835*0001', ...body];
	transaction.push(`SE*${transaction.length + 1}*0001`);
	const segments = ['GS*HP*000000005*54321*20131031*1147*1*X*005010X221A1', ...transaction, 'GE*1*1', 'IEA*1*000000907'];
	return `${SAMPLE_ISA}\n${segments.join('~\n')}~\n`;
}

/** 1-based line of the first line starting with `prefix` (= segment number in one-segment-a-line files). */
export function lineOf(text: string, prefix: string): number {
	const index = text.split('\n').findIndex((line) => line.startsWith(prefix));
	if (index < 0) throw new Error(`no line starts with ${prefix}`);
	return index + 1;
}
