/** The sandbox's own record shapes. Money is integer cents; dates are practice-local ISO. */

export const APPOINTMENT_TYPES = {
	TherapyIntake: 0,
	TherapySession: 1,
	GroupTherapy: 4,
	PsychologicalEvaluation: 5,
	ScheduledEvent: 6,
	Consultation: 7,
} as const;

export const APPOINTMENT_STATUS = {
	Scheduled: 0,
	Show: 1,
	Missed: 2,
	Cancelled: 3,
	LateCancelled: 4,
} as const;

export const NOTE_TYPES = {
	Intake: 1,
	ProgressNote: 4,
	PsychotherapyNote: 8,
	ContactNote: 9,
	TreatmentPlan: 10,
	Termination: 11,
} as const;

export type NoteStatus = 'draft' | 'awaiting-supervisor' | 'signed';
export type ClaimStatus = 'Created' | 'Submitted' | 'Accepted' | 'Rejected' | 'PendingResubmit' | 'Paid' | 'Denied';

export interface Practice {
	id: number;
	code: string;
	name: string;
	npi: string;
	taxId: string;
	address: Address;
	idleTimeoutMinutes: number;
	browserOnlyLogin: boolean;
}

export interface Address {
	street: string;
	city: string;
	state: string;
	zip: string;
}

export interface User {
	id: number;
	practiceId: number;
	username: string;
	passwordSha512Hex: string;
	totpSecret: string | null;
	firstName: string;
	lastName: string;
	isClinician: boolean;
	supervisorId: number | null;
	npi: string;
	credentials: string;
}

export interface Patient {
	id: number;
	encryptedId: string;
	firstName: string;
	middleName: string;
	lastName: string;
	dob: string;
	sex: 'M' | 'F' | 'U';
	email: string;
	phone: string;
	address: Address;
	externalId: string | null;
	status: 'active' | 'inactive';
	assignedClinicianIds: number[];
	portalUserId: number | null;
	portalStatus: 'NotInvited' | 'Invited' | 'Active';
	/** When the latest TherapyPortal welcome email was sent (a re-invite moves it). */
	portalInvitedAt?: string | null;
	sessionFeeCents: number;
	feePolicyAcknowledged: boolean;
	createdAt: string;
	updatedAt: string;
}

export interface Payer {
	id: number;
	name: string;
	electronicPayerId: string;
}

export interface InsurancePolicy {
	id: number;
	patientId: number;
	priority: 1 | 2 | 3;
	payerId: number;
	memberId: string;
	groupNumber: string;
	copayCents: number;
	startDate: string;
	endDate: string | null;
	relationship: 'self' | 'spouse' | 'child' | 'other';
}

export interface Location {
	id: number;
	name: string;
	placeOfService: '02' | '10' | '11';
	address: Address;
}

export interface ServiceCode {
	code: string;
	description: string;
	defaultMinutes: number;
	feeCents: number;
}

export interface Appointment {
	id: number;
	encryptedId: string;
	type: number;
	status: number;
	start: string;
	durationMinutes: number;
	clinicianId: number;
	patientIds: number[];
	serviceCode: string;
	locationId: number;
	telehealth: boolean;
	chargeFee: boolean;
	createdAt: string;
	updatedAt: string;
}

export interface Addendum {
	id: number;
	text: string;
	authorId: number;
	createdAt: string;
}

export interface Attachment {
	id: number;
	fileName: string;
	sizeBytes: number;
	sha256: string;
	uploadedAt: string;
}

export interface Note {
	id: number;
	encryptedId: string;
	noteType: number;
	patientId: number;
	appointmentId: number | null;
	clinicianId: number;
	revision: number;
	status: NoteStatus;
	/** Form element id → value. Seeded notes keep `null` and generate text on read to save memory. */
	values: Record<number, string> | null;
	diagnoses: string[];
	serviceCode: string;
	isBillable: boolean;
	signedAt: string | null;
	signerId: number | null;
	supervisorSignedAt: string | null;
	supervisorId: number | null;
	addenda: Addendum[];
	attachments: Attachment[];
	createdAt: string;
	updatedAt: string;
}

export interface Claim {
	id: number;
	encryptedId: string;
	appointmentId: number;
	patientId: number;
	policyId: number;
	payerId: number;
	status: ClaimStatus;
	frequency: '1' | '7' | '8';
	chargeCents: number;
	paidCents: number;
	patientResponsibilityCents: number;
	payerClaimNumber: string | null;
	rejectionCodes: string[];
	eraId: number | null;
	createdAt: string;
	updatedAt: string;
	/** Set by the portal's create-claim: the signed note the claim bills (seeded claims look it up). */
	noteId?: number;
	/** The billed CPT code when it was fixed at creation; otherwise the appointment's. */
	serviceCode?: string;
	/** Units on the service line; 1 unless a corrected claim changed it. */
	units?: number;
	/** When the claim last went to the clearinghouse. */
	submittedAt?: string;
	/** When the claim's status last changed (assumed: the claim list's "status date" column). */
	statusChangedAt?: string;
}

export interface EraClaimPayment {
	claimId: number;
	statusCode: '1' | '2' | '4' | '22';
	chargeCents: number;
	paidCents: number;
	patientResponsibilityCents: number;
	adjustments: { group: string; reason: string; amountCents: number }[];
	/** CLP07 of an uploaded 835; generated ERAs use the claim's own number. */
	payerClaimNumber?: string;
}

export interface Era {
	id: number;
	encryptedId: string;
	payerId: number;
	traceNumber: string;
	checkDate: string;
	receivedAt: string;
	amountCents: number;
	status: 'Unprocessed' | 'Processed';
	claimPayments: EraClaimPayment[];
	/** Set for uploaded 835s; generated ERAs render their text on demand. */
	uploadedText: string | null;
	/** Uploaded 835s: which ST..SE of the file this ERA is (a file may carry several payments). */
	uploadedIndex?: number;
	fileName?: string;
	/** Uploaded 835s: the payer as the file names it, when it is not one of the practice's payers. */
	payerName?: string;
	/** Uploaded 835s: CLP01 values that match no claim of the practice. */
	unmatchedClaimNumbers?: string[];
}

export interface Payment {
	id: number;
	patientId: number;
	amountCents: number;
	date: string;
	method: 'card' | 'cash' | 'check' | 'insurance' | 'other';
	reference: string;
	appliedTo: number[];
	createdAt: string;
}

export interface PortalDocument {
	id: number;
	patientId: number;
	templateId: number;
	name: string;
	kind: 'form' | 'document' | 'consent';
	/** 'Submitted' / 'Signed' (client done, practice not yet acknowledged) are assumed names. */
	status: 'Pending Submission' | 'Pending Signature' | 'Submitted' | 'Signed' | 'Acknowledged by Practice';
	assignedAt: string;
	completedAt?: string | null;
	acknowledgedAt?: string | null;
}

export interface NoteTemplate {
	id: number;
	name: string;
	noteType: number;
	values: Record<number, string>;
}

export interface PortalTemplate {
	id: number;
	name: string;
	kind: 'form' | 'document' | 'consent';
}
