import type { HandlerArgs, PageRoute } from '../http/routes';
import type { Session } from '../auth/sessions';
import { PortalError } from '../http/portalError';
import { randomToken } from '../util/ids';
import { addDays, fromPortalDate, toPortalDate, toPortalTime } from '../util/dates';
import { esc, layout, table, cell } from './html';
import { findPatient, clinicianName } from '../handlers/common';
import { calendarItem } from '../handlers/wire';
import { APPOINTMENT_STATUS } from '../data/types';

const STATUS_NAMES = Object.fromEntries(Object.entries(APPOINTMENT_STATUS).map(([name, value]) => [value, name]));

/** The per-session request token every data handler requires; pages hand it out. */
export function ensureTnrac(session: Session): string {
	session.tnrac ??= randomToken(24);
	return session.tnrac;
}

export function portalPage(args: HandlerArgs, title: string, body: string): string {
	const token = ensureTnrac(args.session);
	const head = `<meta name="tnrac" content="${esc(token)}"><script>window.TN = { tnrac: ${JSON.stringify(token)}, userId: ${args.user.id} };</script>`;
	return layout(title, `<input type="hidden" id="tnrac" value="${esc(token)}">${body}`, head);
}

function dashboard(args: HandlerArgs): string {
	const today = args.now.slice(0, 10);
	const mine = [...args.state.store.appointments.values()].filter((a) => a.clinicianId === args.user.id && a.start.startsWith(today));
	const body = `<h1 data-testid="welcome">Welcome, ${esc(args.user.firstName)}</h1>
<p data-testid="today-count">${mine.length}</p>
<nav><a href="/app/patients/">Patients</a> <a href="/app/scheduling/calendar/?date=${today}">Calendar</a> <a href="/app/todo/">To-Do</a></nav>`;
	return portalPage(args, 'Dashboard', body);
}

function patientList(args: HandlerArgs): string {
	const page = Math.max(1, Number(args.ctx.url.searchParams.get('page') ?? '1') || 1);
	const status = args.ctx.url.searchParams.get('status') ?? 'active';
	const all = [...args.state.store.patients.values()].filter((p) => status === 'any' || p.status === status);
	all.sort((a, b) => (a.lastName < b.lastName ? -1 : a.lastName > b.lastName ? 1 : a.id - b.id));
	const rows = all.slice((page - 1) * 20, page * 20).map((p) => [
		`<td data-testid="patient-name"><a href="/app/patients/edit/${p.encryptedId}/">${esc(p.lastName)}, ${esc(p.firstName)}</a></td>`,
		cell('patient-dob', toPortalDate(p.dob)),
		cell('patient-id', p.id),
	]);
	const pages = Math.max(1, Math.ceil(all.length / 20));
	return portalPage(args, 'Patients', `${table('patient-list', ['Name', 'DOB', 'ID'], rows)}<p data-testid="page-count">${pages}</p>`);
}

function patientChart(args: HandlerArgs, match: RegExpExecArray): string {
	let patient;
	try {
		patient = findPatient(args.state, match[1]);
	} catch {
		throw new PortalError('The patient could not be found.', 'NotFound');
	}
	const policies = args.state.store.policiesOf(patient.id);
	const body = `<section data-testid="patient-chart" data-patient-id="${patient.id}" data-encrypted-id="${esc(patient.encryptedId)}">
<h1 data-testid="patient-name">${esc(patient.firstName)} ${esc(patient.lastName)}</h1>
<dl><dt>DOB</dt><dd data-testid="patient-dob">${toPortalDate(patient.dob)}</dd>
<dt>Email</dt><dd data-testid="patient-email">${esc(patient.email)}</dd>
<dt>External ID</dt><dd data-testid="patient-external-id">${esc(patient.externalId ?? '')}</dd>
<dt>Status</dt><dd data-testid="patient-status">${patient.status}</dd>
<dt>Clinician</dt><dd data-testid="patient-clinician">${esc(clinicianName(args.state.store.user(patient.assignedClinicianIds[0])))}</dd>
<dt>Portal</dt><dd data-testid="patient-portal-status">${patient.portalStatus}</dd></dl>
${table('patient-policies', ['Priority', 'Payer', 'Member ID', 'Copay'], policies.map((p) => [cell('policy-priority', p.priority), cell('policy-payer', args.state.store.payer(p.payerId)?.name), cell('policy-member-id', p.memberId), cell('policy-copay', (p.copayCents / 100).toFixed(2))]))}
</section>`;
	return portalPage(args, 'Patient', body);
}

function calendarDay(args: HandlerArgs): string {
	const dateParam = args.ctx.url.searchParams.get('date') ?? args.now.slice(0, 10);
	const day = /^\d{4}-\d{2}-\d{2}$/.test(dateParam) ? dateParam : fromPortalDate(dateParam);
	if (!day) throw new PortalError('The date is not valid.', 'ValidationFailed');
	const calendar = Number(args.ctx.url.searchParams.get('calendar') ?? '-1');
	const next = addDays(day, 1);
	const items = [...args.state.store.appointments.values()]
		.filter((a) => a.start >= day && a.start < next && (calendar === -1 || a.clinicianId === calendar))
		.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.id - b.id));
	const rows = items.map((a) => {
		const item = calendarItem(args.state, a);
		return [
			cell('appointment-id', a.id),
			cell('appointment-time', toPortalTime(a.start)),
			cell('appointment-status', STATUS_NAMES[a.status]),
			cell('appointment-patient', item.Patients.map((p) => `${p.FirstName} ${p.LastName}`).join(', ')),
			cell('appointment-service-code', a.serviceCode),
			cell('appointment-clinician', a.clinicianId),
		];
	});
	return portalPage(args, 'Calendar', `<h1 data-testid="calendar-date">${toPortalDate(day)}</h1>${table('calendar-day', ['ID', 'Time', 'Status', 'Patient', 'Code', 'Clinician'], rows)}`);
}

export const CORE_PAGES: PageRoute[] = [
	{ name: 'page/dashboard', pattern: /^\/app\/dashboard\/?$/i, provenance: 'assumed', description: 'Dashboard; hands out the `tnrac` token (meta tag, hidden input, window.TN)', render: dashboard },
	{ name: 'page/patients', pattern: /^\/app\/patients\/?$/i, provenance: 'assumed', description: 'Patient list, 20 a page (`?page=`, `?status=`), `data-testid` cells', render: patientList },
	{ name: 'page/patientchart', pattern: /^\/app\/patients\/edit\/([A-Za-z0-9_-]{1,40})\/?$/i, provenance: 'confirmed', description: 'Patient chart at `/app/patients/edit/<EncryptedID>/` (URL confirmed, markup assumed)', render: patientChart },
	{ name: 'page/calendar', pattern: /^\/app\/scheduling\/calendar\/?$/i, provenance: 'assumed', description: 'Calendar day (`?date=YYYY-MM-DD&calendar=-1`)', render: calendarDay },
];
