import type { PortalHandler } from '../http/routes';

export const TELEHEALTH_HANDLERS: PortalHandler[] = [];
