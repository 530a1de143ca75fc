// Unchanged by the compact result store: the reference shares lib's own file.
export * from '../../../../lib/x12/sliceMemo';
