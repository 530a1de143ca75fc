import { ClaimBatchError, build837P, decimalToCents, tokenize, validate837P, type ClaimBatchInput, type Segment } from '../../../lib/x12';
import { BILLING_NPI, sampleBatch } from './helpers';

type MutableBatch = ClaimBatchInput & { [key: string]: unknown };

/** Applies `change` to a fresh sample batch and returns the message build837P throws. */
function buildError(change: (batch: MutableBatch) => void): string {
	const batch = sampleBatch() as MutableBatch;
	change(batch);
	try {
		build837P(batch);
	} catch (error) {
		expect(error).toBeInstanceOf(ClaimBatchError);
		return (error as Error).message;
	}
	throw new Error('build837P accepted the batch');
}

const byId = (segments: Segment[], id: string) => segments.filter((segment) => segment.id === id);

describe('build837P', () => {
	const text = build837P(sampleBatch());
	const { segments, interchanges } = tokenize(text);

	it('produces an interchange that validates and re-tokenizes with * : ^ ~', () => {
		expect(validate837P(text)).toEqual({ valid: true, problems: [] });
		expect(interchanges[0].delimiters).toEqual({ element: '*', repetition: '^', component: ':', segment: '~' });
		expect(text.indexOf('~')).toBe(105);
		expect(text).not.toContain('\n');
		expect(segments.map((segment) => segment.id).slice(0, 4)).toEqual(['ISA', 'GS', 'ST', 'BHT']);
		expect(segments[2].elements).toEqual(['ST', '837', '0021', '005010X222A1']);
	});

	it('writes correct control numbers and counts', () => {
		const [isa, gs] = segments;
		const [se, ge, iea] = segments.slice(-3);
		expect(isa.elements[13]).toBe('000000907');
		expect(gs.elements[6]).toBe('41');
		expect(se.elements).toEqual(['SE', String(segments.length - 4), '0021']);
		expect(ge.elements).toEqual(['GE', '1', '41']);
		expect(iea.elements).toEqual(['IEA', '1', '000000907']);
		expect(isa.elements.slice(9, 11)).toEqual(['240305', '1407']);
	});

	it('writes each claim, line and amount of the input', () => {
		const input = sampleBatch();
		const claims = byId(segments, 'CLM');
		expect(claims.map((clm) => clm.elements[1])).toEqual(input.claims.map((claim) => claim.claimId));
		expect(claims.map((clm) => decimalToCents(clm.elements[2]))).toEqual([17550, 12034]);
		expect(claims.map((clm) => clm.elements[5])).toEqual(['10:B:1', '02:B:7']);
		const lines = byId(segments, 'SV1');
		const expectedLines = input.claims.flatMap((claim) => claim.serviceLines);
		expect(lines.map((sv1) => decimalToCents(sv1.elements[2]))).toEqual(expectedLines.map((line) => line.chargeCents));
		expect(lines.map((sv1) => sv1.elements[1])).toEqual(['HC:90837:95', 'HC:90785', 'HC:90834:95:GT']);
		expect(lines.map((sv1) => [sv1.elements[3], sv1.elements[4], sv1.elements[7]])).toEqual([
			['UN', '1', '1'],
			['UN', '1', '1:2'],
			['UN', '1', '1'],
		]);
		expect(byId(segments, 'DTP').map((dtp) => dtp.elements.join('*'))).toEqual([
			'DTP*472*D8*20240301',
			'DTP*472*D8*20240301',
			'DTP*472*D8*20240220',
		]);
		expect(byId(segments, 'REF').map((ref) => ref.elements.slice(1).join('='))).toEqual(['EI=123456789', '6R=L1', '6R=L2', 'F8=94060555410000']);
	});

	it('writes diagnoses without the dot, upper-case, ABK first then ABF', () => {
		expect(byId(segments, 'HI').map((hi) => hi.elements.slice(1))).toEqual([['ABK:F411', 'ABF:F32A'], ['ABK:F900']]);
		const batch = sampleBatch();
		batch.claims[0].diagnoses = ['f43.10', 'Z6372'];
		const hi = byId(tokenize(build837P(batch)).segments, 'HI')[0];
		expect(hi.elements.slice(1)).toEqual(['ABK:F4310', 'ABF:Z6372']);
	});

	it('chains HL 20 → 22, and 22 → 23 only when the patient is not the subscriber', () => {
		expect(byId(segments, 'HL').map((hl) => hl.elements.slice(1))).toEqual([
			['1', '', '20', '1'],
			['2', '1', '22', '0'],
			['3', '1', '22', '1'],
			['4', '3', '23', '0'],
		]);
		expect(byId(segments, 'SBR').map((sbr) => sbr.elements[2])).toEqual(['18', '']);
		expect(byId(segments, 'PAT').map((pat) => pat.elements[1])).toEqual(['19']);
	});

	it('writes the billing provider with NPI, TIN and 9-digit ZIP, and the rendering provider', () => {
		const providers = byId(segments, 'NM1').filter((nm1) => nm1.elements[1] === '85' || nm1.elements[1] === '82');
		expect(providers.map((nm1) => nm1.elements.join('*'))).toEqual([
			`NM1*85*2*CALM MIND THERAPY LLC*****XX*${BILLING_NPI}`,
			'NM1*82*1*KILDARE*BEN****XX*1912301953',
		]);
		expect(byId(segments, 'N4')[0].elements).toEqual(['N4', 'AUSTIN', 'TX', '787011234']);
	});

	it('can put a newline after each terminator', () => {
		const lines = build837P(sampleBatch(), { newlineAfterTerminator: true });
		expect(lines.split('\n').filter((line) => line !== '')).toHaveLength(segments.length);
		expect(tokenize(lines).segments.map((segment) => segment.elements)).toEqual(segments.map((segment) => segment.elements));
	});

	it('is deterministic for a given createdAt and defaults createdAt to now', () => {
		expect(build837P(sampleBatch())).toBe(text);
		const batch = sampleBatch();
		delete batch.createdAt;
		const now = build837P(batch);
		expect(validate837P(now).valid).toBe(true);
		expect(tokenize(now).segments[1].elements[4]).toBe(new Date().toISOString().slice(0, 10).replace(/-/g, ''));
	});

	it('accepts 12 diagnoses and numbers HLs through 1,000 claims', () => {
		const batch = sampleBatch();
		batch.claims[0].diagnoses = ['F41.1', 'F32.A', 'F43.10', 'F90.0', 'F40.10', 'F42.2', 'F33.1', 'F31.9', 'F60.3', 'F50.00', 'F51.01', 'Z63.0'];
		batch.claims = Array.from({ length: 500 }, (_, i) => [
			{ ...batch.claims[0], claimId: `A${i}` },
			{ ...batch.claims[1], claimId: `B${i}` },
		]).flat();
		const big = tokenize(build837P(batch)).segments;
		expect(byId(big, 'HI')[0].elements).toHaveLength(13);
		const hls = byId(big, 'HL');
		expect(hls).toHaveLength(1 + 500 * 3);
		expect(hls[hls.length - 1].elements.slice(1)).toEqual(['1501', '1500', '23', '0']);
	});
});

describe('build837P refuses bad input, naming the field', () => {
	it.each<[string, (batch: MutableBatch) => void, RegExp]>([
		['a fractional charge', (b) => void (b.claims[0].serviceLines[1].chargeCents = 25.5), /claims\[0\]\.serviceLines\[1\]\.chargeCents: Expected integer/],
		['a negative charge', (b) => void (b.claims[1].serviceLines[0].chargeCents = -1), /claims\[1\]\.serviceLines\[0\]\.chargeCents/],
		['a billing NPI with a bad check digit', (b) => void (b.billingProvider.npi = '1234567890'), /billingProvider\.npi: must be a 10-digit NPI with a valid check digit/],
		['a rendering NPI with a bad check digit', (b) => void (b.claims[0].renderingProvider!.npi = '1912301954'), /claims\[0\]\.renderingProvider\.npi/],
		['a 5-digit billing ZIP', (b) => void (b.billingProvider.address.zip = '78701'), /billingProvider\.address\.zip: must be 9 digits/],
		['a 21-character claim id', (b) => void (b.claims[0].claimId = 'X'.repeat(21)), /claims\[0\]\.claimId: String must contain at most 20/],
		['"*" inside a name', (b) => void (b.claims[0].subscriber.lastName = 'SMITH*JR'), /claims\[0\]\.subscriber\.lastName: must not contain an X12 delimiter/],
		['"~" inside a claim id', (b) => void (b.claims[1].claimId = 'TN~1'), /claims\[1\]\.claimId: must not contain an X12 delimiter/],
		['":" inside a payer name', (b) => void (b.claims[0].payer.name = 'AETNA: PPO'), /claims\[0\]\.payer\.name: must not contain/],
		['"^" inside an address', (b) => void (b.billingProvider.address.line1 = '12 ELM ^ST'), /billingProvider\.address\.line1: must not contain/],
		['a line break inside a line control number', (b) => void (b.claims[0].serviceLines[0].lineControlNumber = 'L\n1'), /claims\[0\]\.serviceLines\[0\]\.lineControlNumber/],
		['a replacement claim without payer claim number', (b) => void delete b.claims[1].payerClaimNumber, /claims\[1\]\.payerClaimNumber: is required when frequencyCode is 7 \(REF\*F8\)/],
		['a void claim without payer claim number', (b) => void Object.assign(b.claims[0], { frequencyCode: '8' }), /claims\[0\]\.payerClaimNumber: is required when frequencyCode is 8/],
		['13 diagnoses', (b) => void (b.claims[0].diagnoses = Array.from({ length: 13 }, () => 'F41.1')), /claims\[0\]\.diagnoses: Array must contain at most 12/],
		['a malformed diagnosis', (b) => void (b.claims[0].diagnoses[1] = '41.1'), /claims\[0\]\.diagnoses\[1\]: must be an ICD-10-CM code/],
		['a pointer past the diagnoses', (b) => void (b.claims[1].serviceLines[0].diagnosisPointers = [2]), /claims\[1\]\.serviceLines\[0\]\.diagnosisPointers\[0\]: points at diagnosis 2/],
		['a place of service other than 02, 10, 11', (b) => void Object.assign(b.claims[0], { placeOfService: '12' }), /claims\[0\]\.placeOfService/],
		['a five-character modifier list entry', (b) => void (b.claims[0].serviceLines[0].modifiers = ['957']), /claims\[0\]\.serviceLines\[0\]\.modifiers\[0\]/],
		['a 10-digit interchange control number', (b) => void (b.interchangeControlNumber = 1_000_000_000), /interchangeControlNumber/],
		['an impossible date', (b) => void (b.claims[0].serviceLines[0].serviceDate = '2024-02-30'), /claims\[0\]\.serviceLines\[0\]\.serviceDate: is not a calendar date/],
		['a 16-character submitter id (ISA06 is 15 wide)', (b) => void (b.submitter.id = 'S'.repeat(16)), /submitter\.id/],
		['no service lines', (b) => void (b.claims[0].serviceLines = []), /claims\[0\]\.serviceLines: Array must contain at least 1/],
		['a patient born on a day that does not exist', (b) => void (b.claims[1].patient!.dateOfBirth = '2013-02-29'), /claims\[1\]\.patient\.dateOfBirth: is not a calendar date/],
		['a createdAt that is not a timestamp', (b) => void (b.createdAt = 'yesterday'), /createdAt/],
		['a subscriber without member id', (b) => void delete (b.claims[0].subscriber as { memberId?: string }).memberId, /claims\[0\]\.subscriber\.memberId: Required/],
	])('rejects %s', (_name, change, expected) => {
		expect(buildError(change)).toMatch(expected);
	});
});
