import { LoggerProxy, type Logger as WorkflowLogger, type LogMetadata } from 'n8n-workflow';
import { Container, requireFromCore } from './container';

export interface LogLine {
	level: 'error' | 'warn' | 'info' | 'debug';
	message: string;
	metadata?: LogMetadata;
}

/** Everything n8n logged during the tests: its error reporter's lines and our node's audit lines. */
export class LogCapture {
	readonly lines: LogLine[] = [];

	/** All messages and metadata as one text, to search for things that must never be logged. */
	text(): string {
		return this.lines.map((line) => `${line.level} ${line.message} ${JSON.stringify(line.metadata ?? {})}`).join('\n');
	}

	clear(): void {
		this.lines.length = 0;
	}
}

type LoggerKey = abstract new (...args: unknown[]) => unknown;

/**
 * Replaces n8n's winston logger with one that records, as n8n's own tests do with a mocked Logger:
 * the test output stays readable, and tests can check what n8n would have written to its log
 * (node errors go there through the ErrorReporter, our audit lines through `this.logger.debug`).
 */
export function captureN8nLogs(): LogCapture {
	const capture = new LogCapture();
	const record = (level: LogLine['level']) => (message: string, metadata?: LogMetadata) => {
		capture.lines.push({ level, message, metadata });
	};
	const logger = { error: record('error'), warn: record('warn'), info: record('info'), debug: record('debug'), scoped: () => logger };
	// The key is n8n-core's own @n8n/backend-common `Logger` class, the one it asks the container for.
	Container.set(requireFromCore<{ Logger: LoggerKey }>('@n8n/backend-common').Logger, logger);
	LoggerProxy.init(logger as WorkflowLogger);
	return capture;
}
