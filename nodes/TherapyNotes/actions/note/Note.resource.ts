import type { INodeProperties } from 'n8n-workflow';
import type { OperationModule } from '../types';

export const resource = { name: 'Note', value: 'note' };

export const operations: Record<string, OperationModule> = {};

export const description: INodeProperties[] = [];
