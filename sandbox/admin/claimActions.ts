import type { AdminAction } from './actions';

export const CLAIM_ACTIONS: Record<string, AdminAction> = {};
