import type { INodeProperties } from 'n8n-workflow';
import type { OperationModule } from '../types';

export const resource = { name: 'Appointment', value: 'appointment' };

export const operations: Record<string, OperationModule> = {};

export const description: INodeProperties[] = [];
