import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

/** Dropdown sources (service codes, payers, locations, templates…): filled with the practice resource. */
export const loadOptionsMethods: Record<string, (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>> = {};
