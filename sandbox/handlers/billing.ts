import type { PortalHandler } from '../http/routes';

export const BILLING_HANDLERS: PortalHandler[] = [];
