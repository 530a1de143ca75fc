import type { HandlerArgs, PortalHandler } from '../http/routes';
import { PortalError } from '../http/portalError';
import { APPOINTMENT_STATUS } from '../data/types';
import { isoDateTime, parseIsoLocal, toPortalDateTime } from '../util/dates';
import { makeEncryptedId } from '../util/ids';
import { findAppointment, ok } from './common';

/**
 * Telehealth session links. The rule (from 5 hours before to 5 hours after the start, never on
 * missed or cancelled appointments) is confirmed; the handler and the link's shape are assumed.
 * The host is fake and never fetched.
 */

const WINDOW_MS = 5 * 60 * 60_000;
const SESSION_HOST = 'https://telehealth.sandbox.local/session/';

const CLOSED_STATUSES: Record<number, string> = {
	[APPOINTMENT_STATUS.Missed]: 'Missed',
	[APPOINTMENT_STATUS.Cancelled]: 'Cancelled',
	[APPOINTMENT_STATUS.LateCancelled]: 'Late Cancelled',
};

function sessionLink({ ctx, state }: HandlerArgs) {
	const appointment = findAppointment(state, ctx.str('calendarentryid', { required: true }));
	if (!appointment.telehealth) throw new PortalError('This appointment is not a telehealth appointment.', 'NotTelehealth');
	const closed = CLOSED_STATUSES[appointment.status];
	if (closed) throw new PortalError(`A telehealth session cannot be started for a ${closed} appointment.`, 'AppointmentNotAvailable', { Status: appointment.status });
	const startMs = parseIsoLocal(appointment.start).getTime();
	const opens = isoDateTime(new Date(startMs - WINDOW_MS));
	const closes = isoDateTime(new Date(startMs + WINDOW_MS));
	const nowMs = state.clock.nowMs();
	if (nowMs < startMs - WINDOW_MS || nowMs > startMs + WINDOW_MS) {
		const when = nowMs < startMs ? 'is too far away' : 'was too long ago';
		throw new PortalError(
			`The appointment ${when}: its telehealth session can be started from ${toPortalDateTime(opens)} to ${toPortalDateTime(closes)}.`,
			'OutsideSessionWindow',
			{ AvailableFrom: toPortalDateTime(opens), AvailableUntil: toPortalDateTime(closes) },
		);
	}
	const token = makeEncryptedId(state.store.idKey, 'telehealth-session', appointment.id);
	return ok({
		CalendarEntryID: appointment.id,
		CalendarEntryEncryptedID: appointment.encryptedId,
		Url: `${SESSION_HOST}${token}`,
		AvailableFrom: toPortalDateTime(opens),
		AvailableUntil: toPortalDateTime(closes),
	});
}

export const TELEHEALTH_HANDLERS: PortalHandler[] = [
	{
		name: 'telehealth/sessionlink',
		path: '/app/telehealth/getsessionlink.aspx',
		msg: 2,
		provenance: 'assumed',
		fields: 'calendarentryid (ID or EncryptedID)',
		answer: '`Url` (https://telehealth.sandbox.local/session/<token>), AvailableFrom, AvailableUntil; refused (`NotTelehealth`, `AppointmentNotAvailable`, `OutsideSessionWindow`) outside start ± 5 h, on Missed/Cancelled/Late Cancelled, or for in-office appointments',
		handle: sessionLink,
	},
];
