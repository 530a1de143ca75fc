import type { AdminAction } from './actions';

export const NOTE_ACTIONS: Record<string, AdminAction> = {};
