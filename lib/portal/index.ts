export { therapyNotesProtocol } from './login';
export * as patients from './patients';
