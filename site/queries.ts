// Every operation the site sends to the hub's partner API. `npm run codegen` turns them into typed
// documents (site/generated/), each with the hash it is sent by.
import { graphql } from './generated'

graphql(`
  fragment T on Translated {
    text
    locale
    outdated
  }
`)

/** A translated text in a list, where whether it is outdated does not show. */
graphql(`
  fragment L on Translated {
    text
    locale
  }
`)

graphql(`
  fragment Img on Image {
    url
    width
    height
    alt {
      ...T
    }
    sizes {
      name
      url
      width
      height
    }
  }
`)

graphql(`
  fragment ResourceCard on Resource {
    slug
    title {
      ...L
    }
    summary {
      ...L
    }
    publicationType {
      name {
        ...L
      }
    }
    publicationDate
    datePrecision
    availableLanguages {
      code
      nativeName
    }
  }
`)

graphql(`
  fragment WebinarCard on Webinar {
    slug
    kind
    title {
      ...L
    }
    series {
      name {
        ...L
      }
      part
      of
    }
    startsAt
    endsAt
    timeZone
    precision
    approximateLabel {
      ...L
    }
    durationMinutes
    languages {
      code
      nativeName
    }
    location {
      ...L
    }
  }
`)

export const HomeQuery = graphql(`
  query Home($locale: Locale!, $fallback: [Locale!])
  @inContext(locale: $locale, fallback: $fallback) {
    workingGroups(first: 50, status: ACTIVE) {
      edges {
        node {
          slug
          kind
          shortName
          name {
            ...T
          }
          summary {
            ...T
          }
        }
      }
    }
    resources(first: 6, sort: NEWEST) {
      totalCount
      edges {
        node {
          ...ResourceCard
        }
      }
    }
    newsletters(first: 1) {
      edges {
        node {
          slug
          title {
            ...T
          }
          issueDate
        }
      }
    }

    upcoming: webinars(first: 6, when: UPCOMING) {
      edges {
        node {
          ...WebinarCard
        }
      }
    }
    meeting: webinars(first: 1, kind: ANNUAL_MEETING) {
      edges {
        node {
          ...WebinarCard
          summary {
            ...L
          }
        }
      }
    }
  }
`)

export const LibraryQuery = graphql(`
  query Library(
    $locale: Locale!
    $fallback: [Locale!]
    $first: Int!
    $after: String
    $filter: ResourceFilter
    $search: String
    $sort: ResourceSort
  ) @inContext(locale: $locale, fallback: $fallback) {
    resources(first: $first, after: $after, filter: $filter, search: $search, sort: $sort) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...ResourceCard
        }
        searchMatch {
          in
          snippet
        }
      }
    }
    resourceFacets(filter: $filter, search: $search) {
      total
      types {
        value
        label
        count
      }
      topics {
        value
        label
        count
      }
      themes {
        value
        label
        count
      }
      audiences {
        value
        label
        count
      }
      workingGroups {
        value
        label
        count
      }
      standards {
        value
        label
        count
      }
      languages {
        value
        label
        count
      }
      countries {
        value
        label
        count
      }
    }
  }
`)

graphql(`
  fragment ResourceFull on Resource {
    slug
    title {
      ...T
    }
    summary {
      ...T
    }
    body(format: HTML) {
      ...T
    }
    publicationType {
      slug
      name {
        ...T
      }
    }
    publicationDate
    datePrecision
    statusFlag
    publishers {
      slug
      shortName
      website
      name {
        ...T
      }
    }
    workingGroups {
      slug
      name {
        ...T
      }
    }
    topics {
      slug
      name {
        ...T
      }
    }
    themes {
      slug
      name {
        ...T
      }
    }
    audiences {
      slug
      name {
        ...T
      }
    }
    standards {
      number
      pillar
      title {
        ...T
      }
    }
    countries {
      code
      name
    }
    availableLanguages {
      code
      name
      nativeName
    }
    translations {
      language {
        code
        name
        nativeName
      }
      title
      url
      progress
      format
      date
      outdated
      translatedBy {
        name {
          ...T
        }
      }
    }
    links {
      kind
      url
      label {
        ...T
      }
      language {
        code
        nativeName
      }
    }
    files {
      url
      filename
      mimeType
      size
      pageCount
      language {
        code
        nativeName
      }
      caption {
        ...T
      }
    }
    cover {
      ...Img
    }
  }
`)

export const ResourceQuery = graphql(`
  query ResourcePage($locale: Locale!, $fallback: [Locale!], $slug: String!)
  @inContext(locale: $locale, fallback: $fallback) {
    resource(slug: $slug) {
      ...ResourceFull
    }
  }
`)

export const GroupsQuery = graphql(`
  query Groups($locale: Locale!, $fallback: [Locale!])
  @inContext(locale: $locale, fallback: $fallback) {
    workingGroups(first: 100) {
      edges {
        node {
          slug
          kind
          status
          shortName
          name {
            ...T
          }
          summary {
            ...T
          }
        }
      }
    }
  }
`)

graphql(`
  fragment GroupFull on WorkingGroup {
    slug
    kind
    status
    shortName
    name {
      ...T
    }
    summary {
      ...T
    }
    contactEmail
    leadOrganisations {
      slug
      shortName
      website
      name {
        ...T
      }
    }
    leads {
      person {
        name
        jobTitle {
          ...T
        }
        organisation {
          shortName
          name {
            ...T
          }
        }
      }
      role {
        ...T
      }
    }
    priorities {
      ...T
    }
    keyTools {
      slug
      title {
        ...T
      }
    }
  }
`)

export const GroupQuery = graphql(`
  query GroupPage($locale: Locale!, $fallback: [Locale!], $slug: String!)
  @inContext(locale: $locale, fallback: $fallback) {
    workingGroup(slug: $slug) {
      ...GroupFull

      resources(first: 8) {
        totalCount
        edges {
          node {
            ...ResourceCard
          }
        }
      }
      webinars(first: 8) {
        totalCount
        edges {
          node {
            ...WebinarCard
          }
        }
      }
      news(first: 12) {
        totalCount
        edges {
          node {
            slug
            date
            title {
              ...L
            }
            summary {
              ...L
            }
          }
        }
      }
    }
  }
`)

/** Upcoming events (the next ten) and a page of past ones, of one group or all. */
export const WebinarsQuery = graphql(`
  query Webinars($locale: Locale!, $fallback: [Locale!], $after: String, $group: String)
  @inContext(locale: $locale, fallback: $fallback) {
    upcoming: webinars(first: 10, when: UPCOMING, workingGroup: $group) {
      edges {
        node {
          ...WebinarCard
        }
      }
    }
    past: webinars(first: 10, when: PAST, after: $after, workingGroup: $group) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...WebinarCard
        }
      }
    }
  }
`)

graphql(`
  fragment WebinarFull on Webinar {
    ...WebinarCard
    format
    summary {
      ...T
    }
    interpretation {
      code
      nativeName
    }
    organisedByAlliance
    organisers {
      slug
      name {
        ...T
      }
    }
    organisingOrganisations {
      slug
      shortName
      name {
        ...T
      }
    }
    sessions {
      language {
        code
        nativeName
      }
      startsAt
      endsAt
      timeZone
      durationMinutes
      registrationUrl
      recordingUrl
    }
    speakers {
      person {
        name
        jobTitle {
          ...T
        }
      }
      affiliation {
        shortName
        name {
          ...T
        }
      }
      role {
        ...T
      }
    }
    registrationUrl
    recordingUrl
    recording {
      url
      mimeType
      size
    }
    attachments {
      url
      filename
      mimeType
      size
      language {
        code
        nativeName
      }
      caption {
        ...T
      }
    }
    icsUrl
  }
`)

export const WebinarQuery = graphql(`
  query WebinarPage($locale: Locale!, $fallback: [Locale!], $slug: String!)
  @inContext(locale: $locale, fallback: $fallback) {
    webinar(slug: $slug) {
      ...WebinarFull
    }
  }
`)

export const NewslettersQuery = graphql(`
  query Newsletters($locale: Locale!, $fallback: [Locale!], $after: String)
  @inContext(locale: $locale, fallback: $fallback) {
    newsletters(first: 24, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          slug
          issueDate
          title {
            ...T
          }
        }
      }
    }
  }
`)

graphql(`
  fragment NewsletterFull on Newsletter {
    slug
    issueDate
    title {
      ...T
    }
    image {
      ...Img
    }
    sections {
      kind
      heading {
        ...T
      }
      items {
        note {
          ...T
        }
        title {
          ...T
        }
        text {
          ...T
        }
        url
        date
        image {
          ...Img
        }
        target {
          __typename
          ... on Resource {
            slug
            title {
              ...T
            }
            summary {
              ...T
            }
            publicationDate
            datePrecision
          }
          ... on Webinar {
            ...WebinarCard
          }
          ... on WorkingGroup {
            slug
            name {
              ...T
            }
          }
          ... on NewsPost {
            slug
            date
            title {
              ...T
            }
            summary {
              ...T
            }
          }
        }
      }
    }
  }
`)

export const NewsletterQuery = graphql(`
  query NewsletterPage($locale: Locale!, $fallback: [Locale!], $slug: String!)
  @inContext(locale: $locale, fallback: $fallback) {
    newsletter(slug: $slug) {
      ...NewsletterFull
    }
  }
`)

export const NewsQuery = graphql(`
  query News($locale: Locale!, $fallback: [Locale!], $after: String)
  @inContext(locale: $locale, fallback: $fallback) {
    newsPosts(first: 20, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          slug
          date
          title {
            ...T
          }
          summary {
            ...T
          }
          workingGroups {
            slug
            name {
              ...T
            }
          }
        }
      }
    }
  }
`)

graphql(`
  fragment NewsPostFull on NewsPost {
    slug
    date
    title {
      ...T
    }
    summary {
      ...T
    }
    workingGroups {
      slug
      name {
        ...T
      }
    }
    resources {
      ...ResourceCard
    }
  }
`)

export const NewsPostQuery = graphql(`
  query NewsPostPage($locale: Locale!, $fallback: [Locale!], $slug: String!)
  @inContext(locale: $locale, fallback: $fallback) {
    newsPost(slug: $slug) {
      ...NewsPostFull
    }
  }
`)

export const StandardsQuery = graphql(`
  query Standards($locale: Locale!, $fallback: [Locale!])
  @inContext(locale: $locale, fallback: $fallback) {
    standards {
      number
      pillar
      title {
        ...T
      }
    }
  }
`)

/** Drafts, by the preview token the request carries (site/app.tsx's /preview pages): one per type,
 * as a group's `kind` and a webinar's cannot share a selection. */
export const PreviewResourceQuery = graphql(`
  query PreviewResource($locale: Locale!, $fallback: [Locale!], $id: ID!)
  @inContext(locale: $locale, fallback: $fallback) {
    preview(id: $id) {
      __typename
      ... on Resource {
        ...ResourceFull
      }
    }
  }
`)

export const PreviewGroupQuery = graphql(`
  query PreviewGroup($locale: Locale!, $fallback: [Locale!], $id: ID!)
  @inContext(locale: $locale, fallback: $fallback) {
    preview(id: $id) {
      __typename
      ... on WorkingGroup {
        ...GroupFull
      }
    }
  }
`)

export const PreviewWebinarQuery = graphql(`
  query PreviewWebinar($locale: Locale!, $fallback: [Locale!], $id: ID!)
  @inContext(locale: $locale, fallback: $fallback) {
    preview(id: $id) {
      __typename
      ... on Webinar {
        ...WebinarFull
      }
    }
  }
`)

export const PreviewNewsletterQuery = graphql(`
  query PreviewNewsletter($locale: Locale!, $fallback: [Locale!], $id: ID!)
  @inContext(locale: $locale, fallback: $fallback) {
    preview(id: $id) {
      __typename
      ... on Newsletter {
        ...NewsletterFull
      }
    }
  }
`)

export const PreviewNewsPostQuery = graphql(`
  query PreviewNewsPost($locale: Locale!, $fallback: [Locale!], $id: ID!)
  @inContext(locale: $locale, fallback: $fallback) {
    preview(id: $id) {
      __typename
      ... on NewsPost {
        ...NewsPostFull
      }
    }
  }
`)

/** Every public record's slug and kind, for sitemap.xml (resources page by page). */
export const SitemapQuery = graphql(`
  query Sitemap($after: String) {
    resources(first: 100, after: $after, sort: OLDEST) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          slug
        }
      }
    }
    workingGroups(first: 100) {
      edges {
        node {
          slug
        }
      }
    }
    webinars(first: 100) {
      edges {
        node {
          slug
        }
      }
    }
    newsPosts(first: 100) {
      edges {
        node {
          slug
        }
      }
    }
    newsletters(first: 100) {
      edges {
        node {
          slug
        }
      }
    }
  }
`)

/** The newsletter's links (site/pages/subscription.tsx): sent by POST, never cached. */
export const ConfirmSubscriptionMutation = graphql(`
  mutation ConfirmSubscription($token: String!) {
    confirmSubscription(token: $token) {
      status
      unsubscribeToken
      preferencesToken
    }
  }
`)

export const UnsubscribeMutation = graphql(`
  mutation Unsubscribe($token: String!) {
    unsubscribe(token: $token) {
      status
    }
  }
`)

/** What the sign-up form shows: the consent wording and the interests, in the page's language. */
export const SignUpFormQuery = graphql(`
  query SignUpForm($locale: Locale!, $fallback: [Locale!])
  @inContext(locale: $locale, fallback: $fallback) {
    newsletterConsent {
      ...SignUpConsent
    }
  }
`)

graphql(`
  fragment SignUpConsent on NewsletterConsent {
    version
    text
    interests {
      value
      label
    }
  }
`)

export const SignUpMutation = graphql(`
  mutation SignUp($email: String!, $locale: Locale!, $interests: [NewsletterInterest!]) {
    subscribe(email: $email, locale: $locale, interests: $interests) {
      message
    }
  }
`)

/** The preferences page: the reader's subscription, by POST (its token is a secret), never cached. */
export const NewsletterPreferencesQuery = graphql(`
  query NewsletterPreferences($token: String!, $locale: Locale!, $fallback: [Locale!])
  @inContext(locale: $locale, fallback: $fallback) {
    newsletterSubscription(token: $token) {
      status
      locale
      interests
      unsubscribeToken
    }
    newsletterConsent {
      ...SignUpConsent
    }
  }
`)

export const UpdateNewsletterPreferencesMutation = graphql(`
  mutation UpdateNewsletterPreferences(
    $token: String!
    $locale: Locale!
    $interests: [NewsletterInterest!]!
  ) {
    updateNewsletterPreferences(token: $token, locale: $locale, interests: $interests) {
      status
    }
  }
`)
