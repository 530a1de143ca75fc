import type { PortalHandler } from '../http/routes';

export const PORTAL_HANDLERS: PortalHandler[] = [];
