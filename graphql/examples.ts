// The queries GraphiQL opens with, to show partners what the API can do.
export const EXAMPLE_QUERIES = `# The Alliance Knowledge Hub's partner API. Run an operation with the ▶ button.

# The CPMS Working Group in French, falling back to English.
query CpmsWorkingGroup @inContext(locale: FR, fallback: [EN]) {
  workingGroup(slug: "cpms-working-group") {
    name { text locale }
    contactEmail
    leadOrganisations { name { text } shortName }
    leads { person { name organisation { shortName } } role { text } }
    keyTools { title { text } slug }
  }
}

# Resources in a taxonomy, with facet counts for the filters.
query CaseManagementResources {
  resources(first: 5, filter: { standards: [18] }) {
    totalCount
    edges { cursor node { title { text } publicationDate availableLanguages { code nativeName } } }
    pageInfo { hasNextPage endCursor }
  }
  resourceFacets(filter: { standards: [18] }) { total topics { value label count } }
}

# Webinars with their times in Nairobi.
query Webinars @inContext(locale: AR, fallback: [EN]) {
  webinars(first: 5, when: PAST) {
    edges { node { title { text locale } startsAt endsAt start(timeZone: "Africa/Nairobi") { local offset } } }
  }
}
`
