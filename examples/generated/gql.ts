/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query SyncPage($token: String) @inContext(locale: FR, fallback: [EN]) {\n    sync(token: $token, first: 100) {\n      hasMore\n      token\n      upserts {\n        __typename\n        ... on Resource {\n          id\n          slug\n          title {\n            text\n            locale\n          }\n        }\n        ... on Webinar {\n          id\n          slug\n          startsAt\n          title {\n            text\n            locale\n          }\n        }\n      }\n      tombstones {\n        id\n        typename\n      }\n    }\n  }\n": typeof types.SyncPageDocument,
    "\n  query UpcomingWebinars($first: Int!, $timeZone: String!) @inContext(locale: AR, fallback: [EN]) {\n    webinars(first: $first, when: UPCOMING) {\n      totalCount\n      edges {\n        node {\n          title {\n            text\n            locale\n          }\n          start(timeZone: $timeZone) {\n            local\n            offset\n          }\n          durationMinutes\n          languages {\n            code\n            nativeName\n          }\n        }\n      }\n    }\n  }\n": typeof types.UpcomingWebinarsDocument,
};
const documents: Documents = {
    "\n  query SyncPage($token: String) @inContext(locale: FR, fallback: [EN]) {\n    sync(token: $token, first: 100) {\n      hasMore\n      token\n      upserts {\n        __typename\n        ... on Resource {\n          id\n          slug\n          title {\n            text\n            locale\n          }\n        }\n        ... on Webinar {\n          id\n          slug\n          startsAt\n          title {\n            text\n            locale\n          }\n        }\n      }\n      tombstones {\n        id\n        typename\n      }\n    }\n  }\n": types.SyncPageDocument,
    "\n  query UpcomingWebinars($first: Int!, $timeZone: String!) @inContext(locale: AR, fallback: [EN]) {\n    webinars(first: $first, when: UPCOMING) {\n      totalCount\n      edges {\n        node {\n          title {\n            text\n            locale\n          }\n          start(timeZone: $timeZone) {\n            local\n            offset\n          }\n          durationMinutes\n          languages {\n            code\n            nativeName\n          }\n        }\n      }\n    }\n  }\n": types.UpcomingWebinarsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SyncPage($token: String) @inContext(locale: FR, fallback: [EN]) {\n    sync(token: $token, first: 100) {\n      hasMore\n      token\n      upserts {\n        __typename\n        ... on Resource {\n          id\n          slug\n          title {\n            text\n            locale\n          }\n        }\n        ... on Webinar {\n          id\n          slug\n          startsAt\n          title {\n            text\n            locale\n          }\n        }\n      }\n      tombstones {\n        id\n        typename\n      }\n    }\n  }\n"): (typeof documents)["\n  query SyncPage($token: String) @inContext(locale: FR, fallback: [EN]) {\n    sync(token: $token, first: 100) {\n      hasMore\n      token\n      upserts {\n        __typename\n        ... on Resource {\n          id\n          slug\n          title {\n            text\n            locale\n          }\n        }\n        ... on Webinar {\n          id\n          slug\n          startsAt\n          title {\n            text\n            locale\n          }\n        }\n      }\n      tombstones {\n        id\n        typename\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UpcomingWebinars($first: Int!, $timeZone: String!) @inContext(locale: AR, fallback: [EN]) {\n    webinars(first: $first, when: UPCOMING) {\n      totalCount\n      edges {\n        node {\n          title {\n            text\n            locale\n          }\n          start(timeZone: $timeZone) {\n            local\n            offset\n          }\n          durationMinutes\n          languages {\n            code\n            nativeName\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query UpcomingWebinars($first: Int!, $timeZone: String!) @inContext(locale: AR, fallback: [EN]) {\n    webinars(first: $first, when: UPCOMING) {\n      totalCount\n      edges {\n        node {\n          title {\n            text\n            locale\n          }\n          start(timeZone: $timeZone) {\n            local\n            offset\n          }\n          durationMinutes\n          languages {\n            code\n            nativeName\n          }\n        }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;