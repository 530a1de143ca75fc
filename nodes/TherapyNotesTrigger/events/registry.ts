import type { AppointmentWatchState } from '../../../lib/client/events/appointmentChanges';
import { pollAppointments, sampleAppointment, type AppointmentEvent } from './appointments';
import { balanceOverdue } from './balances';
import { claimStatusChanged } from './claims';
import { eraReceived } from './eras';
import { noteSigned } from './notes';
import { patientCreated } from './patients';
import type { TriggerEvent } from './types';

function appointmentEvent(event: AppointmentEvent): TriggerEvent {
	return {
		async poll(client, previous, params) {
			const { items, next, snapshot } = await pollAppointments(client, event, (previous as AppointmentWatchState | null) ?? null, params, params.timezone);
			return { items, next, sample: async () => sampleAppointment(event, snapshot, params) };
		},
	};
}

/** Every event of "Trigger On", by its value. */
export const TRIGGER_EVENTS: Record<string, TriggerEvent> = {
	appointmentCreated: appointmentEvent('appointmentCreated'),
	appointmentStatusChanged: appointmentEvent('appointmentStatusChanged'),
	appointmentUpdated: appointmentEvent('appointmentUpdated'),
	balanceOverdue,
	claimStatusChanged,
	eraReceived,
	noteSigned,
	patientCreated,
};
