import type {
	Appointment,
	Claim,
	Era,
	InsurancePolicy,
	Location,
	Note,
	NoteTemplate,
	Patient,
	Payer,
	Payment,
	PortalDocument,
	PortalTemplate,
	Practice,
	ServiceCode,
	User,
} from './types';
import { makeEncryptedId } from '../util/ids';

export type RecordKind = 'patient' | 'appointment' | 'note' | 'claim' | 'era' | 'payment' | 'policy' | 'portalDocument';

/** One line per change the sandbox applies; tests read it to prove what reached the portal. */
export interface AuditEntry {
	at: string;
	action: string;
	kind: RecordKind | 'session';
	id: number;
	by: 'portal' | 'admin';
}

/** In-memory practice database with the indexes the handlers need. */
export class Store {
	practice!: Practice;
	users: User[] = [];
	payers: Payer[] = [];
	locations: Location[] = [];
	serviceCodes: ServiceCode[] = [];
	noteTemplates: NoteTemplate[] = [];
	portalTemplates: PortalTemplate[] = [];

	patients = new Map<number, Patient>();
	policies = new Map<number, InsurancePolicy>();
	appointments = new Map<number, Appointment>();
	notes = new Map<number, Note>();
	claims = new Map<number, Claim>();
	eras = new Map<number, Era>();
	payments = new Map<number, Payment>();
	portalDocuments = new Map<number, PortalDocument>();

	private byEncryptedId = new Map<string, { kind: RecordKind; id: number }>();
	private nextIds = new Map<RecordKind, number>();
	readonly audit: AuditEntry[] = [];

	constructor(readonly idKey: string) {}

	nextId(kind: RecordKind): number {
		const id = (this.nextIds.get(kind) ?? 1000) + 1;
		this.nextIds.set(kind, id);
		return id;
	}

	encryptedIdFor(kind: RecordKind, id: number): string {
		const encryptedId = makeEncryptedId(this.idKey, kind, id);
		this.byEncryptedId.set(encryptedId, { kind, id });
		return encryptedId;
	}

	/** Resolves either identity the portal uses: a numeric ID or an EncryptedID. */
	resolve(kind: RecordKind, idOrEncrypted: string | number): number | null {
		if (typeof idOrEncrypted === 'number') return idOrEncrypted;
		const text = String(idOrEncrypted).trim();
		if (/^\d+$/.test(text)) return Number(text);
		const hit = this.byEncryptedId.get(text);
		return hit && hit.kind === kind ? hit.id : null;
	}

	record(action: string, kind: AuditEntry['kind'], id: number, at: string, by: AuditEntry['by'] = 'portal') {
		this.audit.push({ at, action, kind, id, by });
		// Bounded so a long chaos run cannot grow the sandbox without limit.
		if (this.audit.length > 200_000) this.audit.splice(0, 50_000);
	}

	user(id: number): User | undefined {
		return this.users.find((u) => u.id === id);
	}

	payer(id: number): Payer | undefined {
		return this.payers.find((p) => p.id === id);
	}

	policiesOf(patientId: number): InsurancePolicy[] {
		return [...this.policies.values()].filter((p) => p.patientId === patientId).sort((a, b) => a.priority - b.priority);
	}

	counts(): Record<string, number> {
		return {
			patients: this.patients.size,
			appointments: this.appointments.size,
			notes: [...this.notes.values()].length,
			claims: this.claims.size,
			eras: this.eras.size,
			payments: this.payments.size,
			policies: this.policies.size,
			portalDocuments: this.portalDocuments.size,
			users: this.users.length,
		};
	}
}
