import type { AdminAction } from './actions';
import { AdminInputError, numberField } from './actions';
import { findAppointment, findPatient } from '../handlers/common';
import { PAYMENT_METHODS, recordPayment, type PortalPaymentMethod } from '../handlers/billing';
import { activatePortal, completePortalDocument, findPortalDocument } from '../handlers/portal';

/** The client submits a form or signs a document on TherapyPortal → Submitted / Signed. */
const portalSubmit: AdminAction = (state, body, now) => {
	const doc = completePortalDocument(state, findPortalDocument(state, numberField(body, 'documentId')), now, 'admin');
	return { id: doc.id, status: doc.status };
};

/** The client follows the welcome email and creates a TherapyPortal account → Active. */
const portalAcceptInvite: AdminAction = (state, body, now) => {
	const patient = findPatient(state, numberField(body, 'patientId'));
	activatePortal(state, patient, now, 'admin');
	return { id: patient.id, portalStatus: patient.portalStatus, portalUserId: patient.portalUserId };
};

/** The front desk records a payment in the UI (card terminal, cash, check). */
const paymentPost: AdminAction = (state, body, now) => {
	const patient = findPatient(state, numberField(body, 'patientId'));
	const amountCents = numberField(body, 'amountCents');
	if (amountCents <= 0) throw new AdminInputError('amountCents must be more than 0');
	const method = body.method === undefined ? 'card' : body.method;
	if (!PAYMENT_METHODS.includes(method as PortalPaymentMethod)) throw new AdminInputError(`method must be one of ${PAYMENT_METHODS.join(', ')}`);
	if (body.reference !== undefined && (typeof body.reference !== 'string' || body.reference.length > 100)) throw new AdminInputError('reference must be text of at most 100 characters');
	const applied = body.appliedTo === undefined ? [] : body.appliedTo;
	if (!Array.isArray(applied)) throw new AdminInputError('appliedTo must be a list of appointment ids');
	const appliedTo = applied.map((ref) => {
		const appointment = findAppointment(state, ref);
		if (!appointment.patientIds.includes(patient.id)) throw new AdminInputError(`appliedTo ${appointment.id} is not an appointment of this patient`);
		return appointment.id;
	});
	const payment = recordPayment(
		state,
		{ patient, amountCents, date: now.slice(0, 10), method: method as PortalPaymentMethod, reference: (body.reference as string | undefined) ?? '', appliedTo },
		now,
		'admin',
	);
	return { id: payment.id, patientId: patient.id, amountCents, reference: payment.reference };
};

/** The client acknowledged the missed-appointment fee policy (on paper or at the desk). */
const feePolicyAck: AdminAction = (state, body, now) => {
	const patient = findPatient(state, numberField(body, 'patientId'));
	patient.feePolicyAcknowledged = true;
	patient.updatedAt = now;
	state.store.record('update', 'patient', patient.id, now, 'admin');
	return { id: patient.id, feePolicyAcknowledged: true };
};

export const PORTAL_ACTIONS: Record<string, AdminAction> = {
	'portal-submit': portalSubmit,
	'portal-accept-invite': portalAcceptInvite,
	'payment-post': paymentPost,
	'fee-policy-ack': feePolicyAck,
};
