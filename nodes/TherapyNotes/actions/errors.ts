import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';
import { InvalidInputError, LoginError, PortalChangedError, PortalHttpError, PortalRefusalError, TherapyNotesError } from '../../../lib/client';

/**
 * Library errors → n8n errors with the item index, a message a practice's ops person can act on,
 * and nothing else (no request data: it may hold patient details).
 */
export function toNodeError(node: INode, error: unknown, itemIndex: number): NodeOperationError | NodeApiError {
	if (error instanceof NodeOperationError || error instanceof NodeApiError) return error;
	if (error instanceof InvalidInputError) {
		return new NodeOperationError(node, `Invalid parameter '${error.field}': ${error.problem}`, { itemIndex, description: 'Nothing was sent to TherapyNotes.' });
	}
	if (error instanceof PortalHttpError) {
		return new NodeApiError(node, { message: error.message } as JsonObject, { itemIndex, httpCode: String(error.status), message: error.message });
	}
	if (error instanceof LoginError) {
		return new NodeOperationError(node, error.message, { itemIndex, description: `Login problem: ${error.reason}` });
	}
	if (error instanceof PortalChangedError) {
		return new NodeOperationError(node, error.message, { itemIndex, description: `Handler ${error.handler}, field ${error.field}` });
	}
	if (error instanceof PortalRefusalError) {
		return new NodeOperationError(node, error.message, { itemIndex, description: `TherapyNotes code: ${error.code}` });
	}
	if (error instanceof TherapyNotesError) return new NodeOperationError(node, error.message, { itemIndex });
	return new NodeOperationError(node, error instanceof Error ? error.message : String(error), { itemIndex });
}
