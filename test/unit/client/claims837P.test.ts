import { buildClaimFile, claimBatchOf, ClaimFileError, defaultControlNumber, requireValidFile } from '../../../lib/client/resources/claims837P';
import type { Claim } from '../../../lib/client';
import { tokenize, validate837P } from '../../../lib/x12';

/** A claim as claims/get maps it; valid NPIs (Luhn with the 80840 prefix). */
function sampleClaim(overrides: Partial<Claim> = {}): Claim {
	const address = { street: '1 Main St', city: 'Springfield', state: 'IL', zip: '62701' };
	return {
		id: 1201, encryptedId: 'cl_AAAAAAAAAAAAAAAA', status: 'created', patientId: 7, patientEncryptedId: 'pt_AAAAAAAAAAAAAAAA', patientName: 'Ann Example',
		appointmentId: 55, appointmentEncryptedId: 'ap_AAAAAAAAAAAAAAAA', payerId: 2, payerName: 'Example Health Mutual', dateOfService: '2026-10-05', serviceCode: '90837',
		chargeCents: 16000, paidCents: 0, patientResponsibilityCents: 0, frequency: '1', payerClaimNumber: null, rejectionCodes: [], eraId: null,
		createdAt: '2026-10-06T09:00', updatedAt: '2026-10-06T09:00', submittedAt: null, patientControlNumber: '1201', noteId: 9,
		billingProvider: { name: 'Sample Practice', npi: '1234567893', taxId: '99-0000001', address: { street: '100 Sample Ave', city: 'Springfield', state: 'IL', zip: '62701-1234' } },
		renderingProvider: { id: 3, firstName: 'Ben', lastName: 'Kildare', npi: '1912301953', credentials: 'LCSW' },
		payer: { id: 2, name: 'Example Health Mutual', electronicPayerId: 'SX002' },
		subscriber: { firstName: 'Ann', middleName: '', lastName: 'Example', dateOfBirth: '1980-01-31', sex: 'F', address, memberId: 'M123', groupNumber: '', relationship: 'self', policyPriority: 1 },
		patient: { id: 7, encryptedId: 'pt_AAAAAAAAAAAAAAAA', firstName: 'Ann', middleName: '', lastName: 'Example', dateOfBirth: '1980-01-31', sex: 'F', address },
		placeOfService: '11', serviceFacility: null, diagnoses: ['F41.1', 'F32.0'],
		serviceLines: [{ lineNumber: 1, lineControlNumber: '1201-1', serviceCode: '90837', modifiers: [], units: 1, chargeCents: 16000, serviceDate: '2026-10-05', diagnosisPointers: [1, 2] }],
		...overrides,
	};
}

const segment = (text: string, id: string, first?: string) => tokenize(text).segments.map((s) => [s.id, ...s.elements.slice(1)]).find((s) => s[0] === id && (first === undefined || s[1] === first));

describe('claim → 837P', () => {
	test('defaults: submitter is the billing provider by NPI, receiver CLAIM.MD, control number the claim id, digits only in TIN and ZIP', () => {
		const batch = claimBatchOf(sampleClaim());
		expect(batch).toMatchObject({
			interchangeControlNumber: 1201, groupControlNumber: 1201, usage: 'P',
			submitter: { name: 'Sample Practice', id: '1234567893', contactName: 'Sample Practice', phone: '0000000000' },
			receiver: { name: 'CLAIM.MD', id: 'CLAIMMD' },
			billingProvider: { taxId: '990000001', address: { zip: '627011234' } },
		});
		expect(batch.claims[0]).toMatchObject({ claimId: '1201', patient: undefined, frequencyCode: '1', payerClaimNumber: undefined, subscriber: { payerResponsibility: 'P', groupNumber: undefined, middleName: undefined } });
		expect(defaultControlNumber(1_000_000_000)).toBe(1);
	});

	test('a valid file: the text validates and carries the claim', () => {
		const file = buildClaimFile(sampleClaim(), { createdAt: '2026-11-26T10:00:00Z' });
		expect(file).toMatchObject({ claimId: 1201, fileName: 'CLAIM-1201.837', valid: true, problems: [], frequency: '1', interchangeControlNumber: 1201 });
		expect(validate837P(file.text!).valid).toBe(true);
		expect(segment(file.text!, 'CLM')!.slice(1, 3)).toEqual(['1201', '160']);
		expect(segment(file.text!, 'HI')!.slice(1)).toEqual(['ABK:F411', 'ABF:F320']);
		expect(segment(file.text!, 'SV1')![7]).toBe('1:2');
		expect(segment(file.text!, 'REF', 'F8')).toBeUndefined();
	});

	test('a replacement carries its frequency and the payer claim number; a dependant gets a patient loop', () => {
		const claim = sampleClaim({ frequency: '7', payerClaimNumber: 'PCN1201' });
		claim.subscriber = { ...claim.subscriber, firstName: 'Bob', relationship: 'child', policyPriority: 2 };
		const file = requireValidFile(buildClaimFile(claim));
		expect(segment(file.text, 'CLM')![5]).toBe('11:B:7');
		expect(segment(file.text, 'REF', 'F8')![2]).toBe('PCN1201');
		expect(segment(file.text, 'PAT')![1]).toBe('19');
		expect(segment(file.text, 'SBR')![1]).toBe('S');
		expect(segment(file.text, 'NM1', 'QC')![4]).toBe('Ann');
	});

	test('a claim that cannot make a valid 837P comes back with the failing fields, and requireValidFile throws them', () => {
		const file = buildClaimFile(sampleClaim({ diagnoses: [], placeOfService: '99' }));
		expect(file.valid).toBe(false);
		expect(file.text).toBeNull();
		expect(file.problems).toEqual(expect.arrayContaining([expect.stringMatching(/^claims\[0\]\.diagnoses: /), expect.stringMatching(/^claims\[0\]\.placeOfService: /)]));
		expect(() => requireValidFile(file)).toThrow(ClaimFileError);
		expect(() => requireValidFile(file)).toThrow(/^The 837P of claim 1201 is not valid: claims\[0\]\./);
		const badNpi = buildClaimFile(sampleClaim({ renderingProvider: { id: 3, firstName: 'Ben', lastName: 'Kildare', npi: '1234567890', credentials: '' } }));
		expect(badNpi.problems).toEqual(['claims[0].renderingProvider.npi: must be a 10-digit NPI with a valid check digit']);
	});

	test('no rendering NPI: the loop is left out rather than failing', () => {
		const file = requireValidFile(buildClaimFile(sampleClaim({ renderingProvider: { id: null, firstName: '', lastName: '', npi: '', credentials: '' } })));
		expect(segment(file.text, 'NM1', '82')).toBeUndefined();
	});
});
