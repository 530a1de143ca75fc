import type { z, ZodTypeAny } from 'zod';
import type { PortalCall } from '../session/protocol';
import { parseJson } from './answers';
import { handlerUrl, type HandlerAddress } from './paths';

export interface Handler extends HandlerAddress {
	/** The operation name used in errors and audit lines, e.g. "patients/search". */
	operation: string;
}

/** Builds a POST to a `*.aspx?msg=N` handler whose JSON answer is checked by `schema`, then mapped. */
export function jsonCall<S extends ZodTypeAny, T>(
	handler: Handler,
	form: Record<string, string>,
	schema: S,
	map: (answer: z.infer<S>) => T,
	options: { idempotent: boolean; ids?: (string | number)[] },
): PortalCall<T> {
	return {
		operation: handler.operation,
		method: 'POST',
		path: handlerUrl(handler),
		form,
		idempotent: options.idempotent,
		kind: options.idempotent ? 'call' : 'write',
		ids: options.ids,
		parse: (response) => map(parseJson(handler.operation, schema, response)),
	};
}
