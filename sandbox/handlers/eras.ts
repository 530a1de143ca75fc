import type { PortalHandler } from '../http/routes';

export const ERAS_HANDLERS: PortalHandler[] = [];
