import type { HandlerArgs, PortalHandler } from '../http/routes';
import type { Address, User } from '../data/types';
import { centsToDollars } from '../util/dates';
import { ok } from './common';

/**
 * The practice's reference lists (all assumed). Each wire shape is built field by field from an
 * allow-list, so a field added to a record later (a password hash, a TOTP secret) cannot leak.
 */

function addressWire(address: Address) {
	return { Street: address.street, City: address.city, State: address.state, Zip: address.zip };
}

function clinicianWire(user: User) {
	return {
		ID: user.id,
		FirstName: user.firstName,
		LastName: user.lastName,
		Name: `${user.firstName} ${user.lastName}`,
		Credentials: user.credentials,
		NPI: user.npi,
		SupervisorID: user.supervisorId,
	};
}

function clinicians({ state }: HandlerArgs) {
	return ok({ Clinicians: state.store.users.filter((u) => u.isClinician).map(clinicianWire) });
}

function serviceCodes({ state }: HandlerArgs) {
	return ok({
		ServiceCodes: state.store.serviceCodes.map((s) => ({ Code: s.code, Description: s.description, DefaultMinutes: s.defaultMinutes, Fee: centsToDollars(s.feeCents) })),
	});
}

function locations({ state }: HandlerArgs) {
	return ok({
		Locations: state.store.locations.map((l) => ({ ID: l.id, Name: l.name, PlaceOfService: l.placeOfService, IsTelehealth: l.placeOfService !== '11', Address: addressWire(l.address) })),
	});
}

function payers({ state }: HandlerArgs) {
	return ok({ Payers: state.store.payers.map((p) => ({ ID: p.id, Name: p.name, ElectronicPayerID: p.electronicPayerId })) });
}

function practiceInfo({ state }: HandlerArgs) {
	const p = state.store.practice;
	return ok({ Practice: { ID: p.id, Code: p.code, Name: p.name, NPI: p.npi, TaxID: p.taxId, Address: addressWire(p.address) } });
}

const list = (name: string, verb: string, msg: number, answer: string, handle: PortalHandler['handle']): PortalHandler => ({
	name: `practice/${name}`,
	path: `/app/practice/${verb}.aspx`,
	msg,
	provenance: 'assumed',
	fields: '—',
	answer,
	handle,
});

export const PRACTICE_HANDLERS: PortalHandler[] = [
	list('clinicians', 'loadclinicians', 2, '`Clinicians[]`: ID, FirstName, LastName, Name, Credentials, NPI, SupervisorID (never usernames, passwords or TOTP secrets)', clinicians),
	list('servicecodes', 'loadservicecodes', 3, '`ServiceCodes[]`: Code, Description, DefaultMinutes, Fee (dollars)', serviceCodes),
	list('locations', 'loadlocations', 4, '`Locations[]`: ID, Name, PlaceOfService, IsTelehealth, Address', locations),
	list('payers', 'loadpayers', 5, '`Payers[]`: ID, Name, ElectronicPayerID', payers),
	list('info', 'loadpracticeinfo', 6, '`Practice`: ID, Code, Name, NPI, TaxID, Address', practiceInfo),
];
