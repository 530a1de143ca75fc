/**
 * The shared value of every empty list in a parse result: frees a large
 * remittance of hundreds of thousands of empty arrays.
 */
export const NONE: readonly never[] = Object.freeze([]);
