import { PatientsResource } from '../../../lib/client/resources/patients';
import { InvalidInputError } from '../../../lib/client';
import { WriteOutcomeUnknownError, type PortalCall } from '../../../lib/session';

/**
 * The upsert's decisions against a scripted portal, for the cases the sandbox cannot stage: a
 * connection that fails before the create reaches the portal, twice; a search hit whose external
 * ID differs only in case. Answers go through each call's own `parse`, as the real pipeline does.
 */
interface Row {
	ID: number;
	ExternalID: string | null;
	FirstName: string;
	Address: { Street: string; City: string; State: string; Zip: string };
}

class ScriptedPortal {
	rows: Row[] = [];
	sent: string[] = [];
	/** What the next creates do: 'lost-before' fails before the portal saw it, 'lost-after' saves then fails. */
	createFaults: ('lost-before' | 'lost-after')[] = [];

	request = async <T>(call: PortalCall<T>): Promise<T> => {
		this.sent.push(call.operation);
		return call.parse({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(this.answer(call)) });
	};

	private answer(call: PortalCall<unknown>): unknown {
		const form = call.form ?? {};
		if (call.operation === 'patients/search') {
			const query = form.searchquery.toLowerCase();
			return { Matches: this.rows.filter((r) => r.ExternalID?.toLowerCase() === query || r.FirstName.toLowerCase().includes(query)).map((r) => this.match(r)) };
		}
		if (call.operation === 'patients/get') return { Success: true, Patient: this.detail(this.rows.find((r) => String(r.ID) === form.patientid)!) };
		if (call.operation === 'patients/save') return this.save(JSON.parse(form.patient));
		throw new Error(`unexpected ${call.operation}`);
	}

	private save(input: Record<string, unknown>): unknown {
		if (input.ID !== -1) {
			const row = this.rows.find((r) => r.ID === input.ID)!;
			if (input.Address) row.Address = input.Address as Row['Address'];
			return { Success: true, ID: row.ID, EncryptedID: `enc${row.ID}xxxxxxxxxxxxxx` };
		}
		const fault = this.createFaults.shift();
		if (fault === 'lost-before') throw new WriteOutcomeUnknownError('patients/save', 'socket hang up');
		const duplicate = this.rows.find((r) => r.ExternalID === input.ExternalID);
		if (duplicate) return { Success: false, Result: 0, ErrorCode: 'DuplicateExternalId', ErrorMessage: 'duplicate', ExistingID: duplicate.ID };
		const row: Row = { ID: 100 + this.rows.length, ExternalID: (input.ExternalID as string) ?? null, FirstName: String(input.FirstName), Address: { Street: '', City: '', State: '', Zip: '' } };
		this.rows.push(row);
		if (fault === 'lost-after') throw new WriteOutcomeUnknownError('patients/save', 'socket hang up');
		return { Success: true, ID: row.ID, EncryptedID: `enc${row.ID}xxxxxxxxxxxxxx` };
	}

	private match(r: Row) {
		return { ID: r.ID, EncryptedID: `enc${r.ID}xxxxxxxxxxxxxx`, FirstName: r.FirstName, LastName: 'Synthetic', DOB: '01/02/1990', AssignedClinicians: [] };
	}

	private detail(r: Row) {
		return { ...this.match(r), Sex: 'U', Email: null, Phone: null, Address: r.Address, ExternalID: r.ExternalID, Status: 'Active', PortalStatus: 'NotInvited', SessionFee: 150, FeePolicyAcknowledged: false };
	}
}

let portal: ScriptedPortal;
let patients: PatientsResource;
const person = { firstName: 'Ann', lastName: 'Synthetic', dateOfBirth: '1990-01-02' };

beforeEach(() => {
	portal = new ScriptedPortal();
	patients = new PatientsResource({ request: portal.request });
});

describe('upsert decisions', () => {
	test('a create lost before it reached the portal is sent once more, and one patient results', async () => {
		portal.createFaults = ['lost-before'];
		const result = await patients.upsert({ ...person, externalId: 'X-1' });
		expect(result.action).toBe('created');
		expect(portal.rows).toHaveLength(1);
		expect(portal.sent.filter((op) => op === 'patients/save')).toHaveLength(2);
	});

	test('two lost creates in a row: the unknown outcome is reported, not a third send', async () => {
		portal.createFaults = ['lost-before', 'lost-before'];
		await expect(patients.upsert({ ...person, externalId: 'X-2' })).rejects.toBeInstanceOf(WriteOutcomeUnknownError);
		expect(portal.sent.filter((op) => op === 'patients/save')).toHaveLength(2);
		expect(portal.sent.filter((op) => op === 'patients/search')).toHaveLength(3);
	});

	test('a create saved but answered lost is found by its external ID and reported created', async () => {
		portal.createFaults = ['lost-after'];
		const result = await patients.upsert({ ...person, externalId: 'X-3' });
		expect(result).toMatchObject({ action: 'created', patient: { externalId: 'X-3' } });
		expect(portal.sent.filter((op) => op === 'patients/save')).toHaveLength(1);
	});

	test('a search hit with another case of the ID, or a name match, is not the patient', async () => {
		portal.rows.push({ ID: 7, ExternalID: 'x-4', FirstName: 'X-4 lookalike', Address: { Street: '', City: '', State: '', Zip: '' } });
		const result = await patients.upsert({ ...person, externalId: 'X-4' });
		expect(result.action).toBe('created');
		expect(result.patient.id).not.toBe(7);
	});

	test('an update with part of the address keeps the rest from the record', async () => {
		portal.rows.push({ ID: 8, ExternalID: 'X-5', FirstName: 'Ann', Address: { Street: '1 Way', City: 'Old', State: 'IL', Zip: '62701' } });
		await patients.update(8, { address: { city: 'New' } });
		expect(portal.rows[0].Address).toEqual({ Street: '1 Way', City: 'New', State: 'IL', Zip: '62701' });
	});
});

describe('input checks (nothing sent)', () => {
	test.each([
		[{ ...person, externalId: '' }, 'patient.externalId'],
		[{ ...person, externalId: 'A\u0007B' }, 'patient.externalId'],
		[{ ...person, externalId: 'X', phone: 'x'.repeat(31) }, 'patient.phone'],
		[{ ...person, externalId: 'X', address: { country: 'US' } }, 'patient.address'],
		[{ ...person, externalId: 'X', assignedClinicianId: 0 }, 'patient.assignedClinicianId'],
	])('upsert input %# is refused with the field named', async (input, field) => {
		const error = await patients.upsert(input as never).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(InvalidInputError);
		expect((error as InvalidInputError).field).toBe(field);
		expect(portal.sent).toEqual([]);
	});

	test('an update naming only undefined fields is empty', async () => {
		await expect(patients.update(8, { phone: undefined })).rejects.toThrow("'changes' has no field to change");
		expect(portal.sent).toEqual([]);
	});
});
