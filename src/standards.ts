// The Child Protection Minimum Standards (2019 edition): 28 standards in four pillars.
export const STANDARD_COUNT = 28
