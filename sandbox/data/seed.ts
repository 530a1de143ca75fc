import { createHash } from 'node:crypto';
import { Random } from '../util/random';
import { Store } from './store';
import type { Patient, User } from './types';
import { LOCATIONS, NOTE_TEMPLATES, PAYERS, PORTAL_TEMPLATES, SERVICE_CODES } from './catalog';
import { address, firstName, lastName } from './names';
import { addDays, isoDate } from '../util/dates';
import { seedActivity } from './seedActivity';

export type SandboxSize = 'solo' | 'group' | 'clinic';

export interface SeedOptions {
	seed: number;
	size: SandboxSize;
	/** Practice-local "today" (ISO date); the year of history ends here. */
	today: string;
	idleTimeoutMinutes: number;
	browserOnlyLogin: boolean;
}

export interface DemoLogin {
	practiceCode: string;
	username: string;
	password: string;
	totpSecret: string;
	/** A second user without two-factor, for flows that must not need TOTP. */
	plainUsername: string;
	/** A clinician whose notes need supervisor approval; `username` is the supervisor. */
	supervisedUsername: string;
}

const SIZES: Record<SandboxSize, { clinicians: number; patients: number; perDay: [number, number] }> = {
	solo: { clinicians: 1, patients: 40, perDay: [3, 5] },
	group: { clinicians: 8, patients: 600, perDay: [4, 7] },
	clinic: { clinicians: 30, patients: 5000, perDay: [5, 8] },
};

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function sha512Hex(text: string): string {
	return createHash('sha512').update(text, 'utf8').digest('hex').toUpperCase();
}

export function demoCredentials(seed: number): DemoLogin {
	const random = new Random(seed ^ 0x5eed);
	let totpSecret = '';
	for (let i = 0; i < 32; i++) totpSecret += BASE32[random.int(0, 31)];
	return {
		practiceCode: 'SandboxPractice',
		username: 'demo.clinician',
		password: `Sandbox-${seed}-Pass!`,
		totpSecret,
		plainUsername: 'front.desk',
		supervisedUsername: 'supervised.clinician',
	};
}

function seedUsers(store: Store, random: Random, demo: DemoLogin, clinicians: number): void {
	const passwordSha512Hex = sha512Hex(demo.password);
	const make = (id: number, username: string, isClinician: boolean, extra: Partial<User> = {}): User => ({
		id,
		practiceId: 1,
		username,
		passwordSha512Hex,
		totpSecret: null,
		firstName: firstName(random),
		lastName: lastName(random),
		isClinician,
		supervisorId: null,
		npi: npiFor(1000000 + id),
		credentials: isClinician ? 'LCSW' : '',
		...extra,
	});
	store.users.push(make(1, demo.username, true, { totpSecret: demo.totpSecret }));
	store.users.push(make(2, demo.plainUsername, false));
	store.users.push(make(3, demo.supervisedUsername, true, { supervisorId: 1, credentials: 'LMSW' }));
	for (let id = 4; id <= clinicians + 1; id++) store.users.push(make(id, `clinician.${id}`, true));
}

/** A valid NPI for a 9-digit base: Luhn over "80840" + base, as CMS defines the check digit. */
export function npiFor(base9: number): string {
	const base = String(base9).padStart(9, '0').slice(-9);
	const digits = `80840${base}`.split('').map(Number);
	let sum = 0;
	for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
		let d = digits[i];
		if (double) {
			d *= 2;
			if (d > 9) d -= 9;
		}
		sum += d;
	}
	return `${base}${(10 - (sum % 10)) % 10}`;
}

function seedPatients(store: Store, random: Random, count: number, today: string): void {
	const clinicians = store.users.filter((u) => u.isClinician);
	for (let i = 0; i < count; i++) {
		const id = store.nextId('patient');
		const created = addDays(today, -random.int(0, 540));
		const patient: Patient = {
			id,
			encryptedId: store.encryptedIdFor('patient', id),
			firstName: firstName(random),
			middleName: random.chance(0.3) ? firstName(random) : '',
			lastName: lastName(random),
			dob: isoDate(new Date(Date.UTC(random.int(1950, 2012), random.int(0, 11), random.int(1, 28)))),
			sex: random.pick(['M', 'F', 'U'] as const),
			email: `client${id}@example.test`,
			phone: `555-01${String(random.int(0, 99)).padStart(2, '0')}`,
			address: address(random),
			externalId: random.chance(0.5) ? `EXT-${id}` : null,
			status: random.chance(0.85) ? 'active' : 'inactive',
			assignedClinicianIds: [random.pick(clinicians).id],
			portalUserId: null,
			portalStatus: 'NotInvited',
			sessionFeeCents: 15000,
			feePolicyAcknowledged: random.chance(0.7),
			createdAt: `${created}T09:00`,
			updatedAt: `${created}T09:00`,
		};
		store.patients.set(id, patient);
		seedPolicies(store, random, patient);
	}
}

function seedPolicies(store: Store, random: Random, patient: Patient): void {
	const policyCount = random.weighted([0, 1, 2], [25, 65, 10]);
	for (let priority = 1; priority <= policyCount; priority++) {
		const id = store.nextId('policy');
		store.policies.set(id, {
			id,
			patientId: patient.id,
			priority: priority as 1 | 2,
			payerId: random.pick(PAYERS).id,
			memberId: `M${random.int(10000000, 99999999)}`,
			groupNumber: `G${random.int(1000, 9999)}`,
			copayCents: priority === 1 ? random.pick([0, 2000, 2500, 3000, 4000, 5000]) : 0,
			startDate: patient.createdAt.slice(0, 10),
			endDate: null,
			relationship: 'self',
		});
	}
}

export function seedStore(options: SeedOptions): { store: Store; demo: DemoLogin } {
	const random = new Random(options.seed);
	const store = new Store(`sandbox-${options.seed}`);
	const demo = demoCredentials(options.seed);
	store.practice = {
		id: 1,
		code: demo.practiceCode,
		name: 'Sandbox Behavioral Health',
		npi: npiFor(123456789),
		taxId: '990000001',
		address: { street: '100 Sample Ave', city: 'Springfield', state: 'IL', zip: '627011234' },
		idleTimeoutMinutes: options.idleTimeoutMinutes,
		browserOnlyLogin: options.browserOnlyLogin,
	};
	store.payers = PAYERS.map((p) => ({ ...p }));
	store.locations = LOCATIONS.map((l) => ({ ...l }));
	store.serviceCodes = SERVICE_CODES.map((s) => ({ ...s }));
	store.noteTemplates = NOTE_TEMPLATES.map((t) => ({ ...t, values: { ...t.values } }));
	store.portalTemplates = PORTAL_TEMPLATES.map((t) => ({ ...t }));
	const size = SIZES[options.size];
	seedUsers(store, random, demo, size.clinicians);
	seedPatients(store, random, size.patients, options.today);
	seedActivity(store, random, { today: options.today, perDay: size.perDay });
	return { store, demo };
}
