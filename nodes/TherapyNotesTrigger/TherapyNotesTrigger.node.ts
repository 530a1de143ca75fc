import { NodeConnectionTypes, type IDataObject, type INodeExecutionData, type INodeType, type INodeTypeDescription, type IPollFunctions } from 'n8n-workflow';
import type { AppointmentWatchState } from '../../lib/client/events/appointmentChanges';
import { clientFor } from '../TherapyNotes/transport';
import { toNodeError } from '../TherapyNotes/actions/errors';
import { pollAppointments, sampleAppointment, type AppointmentEvent, type AppointmentFilters } from './events/appointments';

interface TriggerState {
	event: string;
	appointments?: AppointmentWatchState;
}

/**
 * Polls TherapyNotes (it has no webhooks) and emits each change exactly once. The state kept in
 * the workflow's static data is a watermark plus compact fingerprints of the watched window, and
 * it is replaced only after a poll has fully succeeded: a failed poll emits nothing and loses
 * nothing, and the next poll sees the same changes again.
 */
export class TherapyNotesTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'TherapyNotes Trigger',
		name: 'therapyNotesTrigger',
		icon: { light: 'file:therapynotes.svg', dark: 'file:therapynotes.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description: 'Starts the workflow when appointments change in TherapyNotes',
		defaults: { name: 'TherapyNotes Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'therapyNotesApi', required: true }],
		properties: [
			{
				displayName: 'Trigger On',
				name: 'event',
				type: 'options',
				required: true,
				default: 'appointmentStatusChanged',
				options: [
					{ name: 'Appointment Created', value: 'appointmentCreated', description: 'A new appointment was booked' },
					{ name: 'Appointment Status Changed', value: 'appointmentStatusChanged', description: 'An appointment was marked Show, Missed, Cancelled or Late Cancelled' },
					{ name: 'Appointment Updated', value: 'appointmentUpdated', description: 'Anything about an appointment changed (time, length, status, code…)' },
				],
			},
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				default: [],
				description: 'Only these new statuses (none selected: any)',
				displayOptions: { show: { event: ['appointmentStatusChanged'] } },
				options: [
					{ name: 'Cancelled', value: 'cancelled' },
					{ name: 'Late Cancelled', value: 'lateCancelled' },
					{ name: 'Missed', value: 'missed' },
					{ name: 'Scheduled', value: 'scheduled' },
					{ name: 'Show', value: 'show' },
				],
			},
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				options: [
					{ displayName: 'Clinician ID', name: 'clinicianId', type: 'number', default: 0, description: 'Only appointments of this clinician' },
					{
						displayName: 'Appointment Types',
						name: 'types',
						type: 'multiOptions',
						default: [],
						options: [
							{ name: 'Consultation', value: 'consultation' },
							{ name: 'Group Therapy', value: 'groupTherapy' },
							{ name: 'Psychological Evaluation', value: 'psychologicalEvaluation' },
							{ name: 'Scheduled Event', value: 'scheduledEvent' },
							{ name: 'Therapy Intake', value: 'therapyIntake' },
							{ name: 'Therapy Session', value: 'therapySession' },
						],
					},
				],
			},
			{
				displayName: 'Include Contact Details',
				name: 'includeContactDetails',
				type: 'boolean',
				default: false,
				description: 'Whether to add patient names (needed for receipts). Off: IDs, dates, status and clinician ID only.',
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event') as AppointmentEvent;
		const rawFilters = this.getNodeParameter('filters', {}) as IDataObject;
		const filters: AppointmentFilters = {
			statuses: (this.getNodeParameter('statuses', []) as string[]) ?? [],
			clinicianId: rawFilters.clinicianId ? Number(rawFilters.clinicianId) : null,
			types: (rawFilters.types as string[] | undefined) ?? [],
			includeContactDetails: this.getNodeParameter('includeContactDetails', false) as boolean,
		};
		const staticData = this.getWorkflowStaticData('node') as IDataObject & { therapyNotes?: TriggerState };
		const stored = staticData.therapyNotes?.event === event ? staticData.therapyNotes : undefined;
		try {
			const client = await clientFor(this);
			const { items, next, snapshot } = await pollAppointments(client, event, stored?.appointments ?? null, filters, this.getTimezone());
			if (this.getMode() === 'manual') {
				const sample = items[0] ?? sampleAppointment(event, snapshot, filters);
				return sample ? [this.helpers.returnJsonArray([sample])] : null;
			}
			staticData.therapyNotes = { event, appointments: next };
			return items.length ? [this.helpers.returnJsonArray(items)] : null;
		} catch (error) {
			throw toNodeError(this.getNode(), error, 0);
		}
	}
}

