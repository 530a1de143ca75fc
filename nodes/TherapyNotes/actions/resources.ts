import type { INodeProperties } from 'n8n-workflow';
import type { ResourceModule } from './types';
import * as patient from './patient/Patient.resource';
import * as appointment from './appointment/Appointment.resource';
import * as note from './note/Note.resource';
import * as claim from './claim/Claim.resource';
import * as era from './era/Era.resource';
import * as billing from './billing/Billing.resource';
import * as portal from './portal/Portal.resource';
import * as practice from './practice/Practice.resource';

/** Every resource of the node; one without operations is left out of the node entirely. */
export const RESOURCES: ResourceModule[] = [patient, appointment, note, claim, era, billing, portal, practice].filter(
	(module) => Object.keys(module.operations).length > 0,
);

export const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: RESOURCES.map((module) => module.resource).sort((a, b) => a.name.localeCompare(b.name)),
	default: 'patient',
};

export const resourceProperties: INodeProperties[] = RESOURCES.flatMap((module) => module.description);
