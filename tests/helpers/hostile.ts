/**
 * 30 fragments, each spreading the previous one twice (about 1 KB): 2^29 fields for a server that
 * expands fragments without remembering them, as Payload's bundled complexity check does.
 * Put `...F29` where the fields go and append the fragments to the query.
 */
export const nestedFragments = (type: string, field: string) =>
  Array.from({ length: 30 }, (_, i) =>
    i === 0
      ? `fragment F0 on ${type} { ${field} }`
      : `fragment F${i} on ${type} { ...F${i - 1} ...F${i - 1} }`,
  ).join('\n')
