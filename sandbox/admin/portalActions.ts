import type { AdminAction } from './actions';

export const PORTAL_ACTIONS: Record<string, AdminAction> = {};
