import { unlessAlreadyPolling } from './pollGuard';
import { NodeConnectionTypes, NodeOperationError, type IDataObject, type INodeExecutionData, type INodeType, type INodeTypeDescription, type IPollFunctions } from 'n8n-workflow';
import { STATUS_OPTIONS, TYPE_OPTIONS } from '../TherapyNotes/actions/appointment/fields';
import { clientFor } from '../TherapyNotes/transport';
import { toNodeError } from '../TherapyNotes/actions/errors';
import { TRIGGER_EVENTS } from './events/registry';
import type { TriggerParams } from './events/types';

interface TriggerState {
	event: string;
	state?: unknown;
	/** Where the first version kept the appointment events' state. */
	appointments?: unknown;
}

const APPOINTMENT_EVENTS = ['appointmentCreated', 'appointmentStatusChanged', 'appointmentUpdated'];

function readParams(context: IPollFunctions): TriggerParams {
	const filters = context.getNodeParameter('filters', {}) as IDataObject;
	const event = context.getNodeParameter('event') as string;
	const amount = event === 'balanceOverdue' ? Number(context.getNodeParameter('amountThreshold', 100)) : 0;
	return {
		statuses: APPOINTMENT_EVENTS.includes(event) ? ((context.getNodeParameter('statuses', []) as string[]) ?? []) : [],
		claimStatuses: event === 'claimStatusChanged' ? ((context.getNodeParameter('claimStatuses', []) as string[]) ?? []) : [],
		clinicianId: filters.clinicianId ? Number(filters.clinicianId) : null,
		types: (filters.types as string[] | undefined) ?? [],
		includeContactDetails: context.getNodeParameter('includeContactDetails', false) as boolean,
		thresholdCents: Math.round(amount * 100),
		daysOutstanding: event === 'balanceOverdue' ? Number(context.getNodeParameter('daysOutstanding', 30)) : 0,
		timezone: context.getTimezone(),
		manual: context.getMode() === 'manual',
	};
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
		description: 'Starts the workflow when appointments, notes, claims, ERAs, patients or balances change in TherapyNotes',
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
					{ name: 'Balance Overdue', value: 'balanceOverdue', description: "A patient's overdue balance reached the threshold (again only after it fell below)" },
					{ name: 'Claim Status Changed', value: 'claimStatusChanged', description: 'A claim was accepted, rejected, paid or denied' },
					{ name: 'ERA Received', value: 'eraReceived', description: 'A new ERA (remittance) arrived' },
					{ name: 'Note Signed', value: 'noteSigned', description: 'A progress note became fully signed (co-signed, when a supervisor must co-sign)' },
					{ name: 'Patient Created', value: 'patientCreated', description: 'A new patient was added' },
				],
			},
			{
				displayName: 'Claim Statuses',
				name: 'claimStatuses',
				type: 'multiOptions',
				default: [],
				description: 'Only these new statuses (none selected: any)',
				displayOptions: { show: { event: ['claimStatusChanged'] } },
				options: [
					{ name: 'Accepted', value: 'accepted' },
					{ name: 'Denied', value: 'denied' },
					{ name: 'Paid', value: 'paid' },
					{ name: 'Rejected (Pending Resubmit)', value: 'pendingResubmit' },
				],
			},
			{
				displayName: 'Amount Threshold (Dollars)',
				name: 'amountThreshold',
				type: 'number',
				default: 100,
				typeOptions: { minValue: 0.01, numberPrecision: 2 },
				description: 'Fire when the overdue balance reaches this amount, in dollars and cents (e.g. 150.50)',
				displayOptions: { show: { event: ['balanceOverdue'] } },
			},
			{
				displayName: 'Days Outstanding',
				name: 'daysOutstanding',
				type: 'number',
				default: 30,
				typeOptions: { minValue: 0 },
				description: 'Only charges unpaid for at least this many days count as overdue',
				displayOptions: { show: { event: ['balanceOverdue'] } },
			},
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				default: [],
				description: 'Only these new statuses (none selected: any)',
				displayOptions: { show: { event: ['appointmentStatusChanged'] } },
				options: STATUS_OPTIONS,
			},
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				displayOptions: { show: { event: [...APPOINTMENT_EVENTS, 'noteSigned', 'patientCreated'] } },
				options: [
					{ displayName: 'Clinician ID', name: 'clinicianId', type: 'number', default: 0, description: "Only this clinician's appointments or notes, or patients assigned to them" },
					{
						displayName: 'Appointment Types',
						name: 'types',
						type: 'multiOptions',
						default: [],
						displayOptions: { show: { '/event': APPOINTMENT_EVENTS } },
						options: TYPE_OPTIONS,
					},
				],
			},
			{
				displayName: 'Include Contact Details',
				name: 'includeContactDetails',
				type: 'boolean',
				default: false,
				description: 'Whether to add patient (and payer) names (needed for receipts). Off: IDs, dates, status, amounts and clinician ID only.',
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		if (this.getMode() === 'manual') return await pollOnce.call(this);
		const node = this.getNode();
		// A poll that overlaps a slow previous one emits nothing and leaves the state alone.
		return await unlessAlreadyPolling(`${this.getWorkflow().id ?? ''}:${node.id ?? node.name}`, () => pollOnce.call(this), null);
	}
}

async function pollOnce(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const event = this.getNodeParameter('event') as string;
	const handler = TRIGGER_EVENTS[event];
	if (!handler) throw new NodeOperationError(this.getNode(), `Unknown trigger event '${event}'`);
	const staticData = this.getWorkflowStaticData('node') as IDataObject & { therapyNotes?: TriggerState };
	const stored = staticData.therapyNotes?.event === event ? staticData.therapyNotes : undefined;
	try {
		const client = await clientFor(this);
		const { items, next, sample } = await handler.poll(client, stored?.state ?? stored?.appointments ?? null, readParams(this));
		if (this.getMode() === 'manual') {
			const item = items[0] ?? (await sample());
			return item ? [this.helpers.returnJsonArray([item])] : null;
		}
		// Replaced only now: a poll that failed above left the previous state as it was.
		staticData.therapyNotes = { event, state: next };
		return items.length ? [this.helpers.returnJsonArray(items)] : null;
	} catch (error) {
		throw toNodeError(this.getNode(), error, 0);
	}
}
