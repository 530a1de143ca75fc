import type { PortalHandler } from '../http/routes';

export const CLAIMS_HANDLERS: PortalHandler[] = [];
