/** Schema names are spliced into SQL: they are built only from `[a-z0-9_]`. */
const safeName = (name: string) => name.replace(/[^a-z0-9_]/g, '_');

/** Where one version (one build) of a read model keeps its tables. */
export const versionSchemaOf = (name: string, version: number) => `rm_${safeName(name)}_v${version}`;

/**
 * Where queries read a read model, whichever version is live: one view per table onto the live
 * version's tables, repointed in the transaction that switches versions.
 */
export const servingSchemaOf = (projection: { readonly name: string }) => `rm_${safeName(projection.name)}`;
