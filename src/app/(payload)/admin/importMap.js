import { TitleCell as TitleCell_94479eaa8cba8d9c4c2dff4161736916 } from '../../../../src/components/admin/TitleCell'
import { EnglishHint as EnglishHint_8f08a90d26c05f8f6e587a3fe596a2c5 } from '../../../../src/components/admin/EnglishHint'
import { RscEntryLexicalCell as RscEntryLexicalCell_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { RscEntryLexicalField as RscEntryLexicalField_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { LexicalDiffComponent as LexicalDiffComponent_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { InlineToolbarFeatureClient as InlineToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { HorizontalRuleFeatureClient as HorizontalRuleFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UploadFeatureClient as UploadFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { BlockquoteFeatureClient as BlockquoteFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { RelationshipFeatureClient as RelationshipFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { LinkFeatureClient as LinkFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ChecklistFeatureClient as ChecklistFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { OrderedListFeatureClient as OrderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UnorderedListFeatureClient as UnorderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { IndentFeatureClient as IndentFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { AlignFeatureClient as AlignFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { HeadingFeatureClient as HeadingFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ParagraphFeatureClient as ParagraphFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { InlineCodeFeatureClient as InlineCodeFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { SuperscriptFeatureClient as SuperscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { SubscriptFeatureClient as SubscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { StrikethroughFeatureClient as StrikethroughFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UnderlineFeatureClient as UnderlineFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { BoldFeatureClient as BoldFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ItalicFeatureClient as ItalicFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { SettleNewRows as SettleNewRows_029d63519c58ae246e026d6e72588f8b } from '../../../../src/components/admin/SettleNewRows'
import { PreciseDateCell as PreciseDateCell_1061cf0070647c060bac4d82be5fec29 } from '../../../../src/components/admin/PreciseDateCell'
import { PreciseDateReadout as PreciseDateReadout_a7804fcc481061a76a5279583d9c5a65 } from '../../../../src/components/admin/PreciseDateReadout'
import { TranslationStateFilter as TranslationStateFilter_43286cf19c2792234e2a539a02f3d0ac } from '../../../../src/components/admin/TranslationStateFilter'
import { EventStartCell as EventStartCell_7d6ec8a4e8057c5b470fb86f2e888607 } from '../../../../src/components/admin/EventStartCell'
import { SendEdition as SendEdition_9a756a51fc9bd2e5b275d2896dca8486 } from '../../../../src/components/admin/SendEdition'
import { RoleField as RoleField_a49d8703f8d30acec15658a5d45e86f1 } from '../../../../src/components/admin/RoleField'
import { SubscribersExport as SubscribersExport_742ee096824419b10ec81492b5f97702 } from '../../../../src/components/admin/SubscribersExport'
import { TranslationStatus as TranslationStatus_27f819cf372c1a7e286eb62940bfb748 } from '../../../../src/components/admin/TranslationStatus'
import { UsageNavLink as UsageNavLink_86e64141ff566b2235717dba91aa156d } from '../../../../src/components/admin/UsageNavLink'
import { RoleActions as RoleActions_02066ed619c1c1e80070fa9e57f7c578 } from '../../../../src/components/admin/RoleActions'
import { S3ClientUploadHandler as S3ClientUploadHandler_f97aa6c64367fa259c5bc0567239ef24 } from '@payloadcms/storage-s3/client'
import { UsageView as UsageView_89ca66ce43d6b18d30b2c237f9c09a5e } from '../../../../src/components/admin/UsageView'
import { CollectionCards as CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1 } from '@payloadcms/next/rsc'

/** @type import('payload').ImportMap */
export const importMap = {
  "/src/components/admin/TitleCell#TitleCell": TitleCell_94479eaa8cba8d9c4c2dff4161736916,
  "/src/components/admin/EnglishHint#EnglishHint": EnglishHint_8f08a90d26c05f8f6e587a3fe596a2c5,
  "@payloadcms/richtext-lexical/rsc#RscEntryLexicalCell": RscEntryLexicalCell_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/rsc#RscEntryLexicalField": RscEntryLexicalField_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/rsc#LexicalDiffComponent": LexicalDiffComponent_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/client#InlineToolbarFeatureClient": InlineToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#HorizontalRuleFeatureClient": HorizontalRuleFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UploadFeatureClient": UploadFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#BlockquoteFeatureClient": BlockquoteFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#RelationshipFeatureClient": RelationshipFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#LinkFeatureClient": LinkFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ChecklistFeatureClient": ChecklistFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#OrderedListFeatureClient": OrderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UnorderedListFeatureClient": UnorderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#IndentFeatureClient": IndentFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#AlignFeatureClient": AlignFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#HeadingFeatureClient": HeadingFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ParagraphFeatureClient": ParagraphFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#InlineCodeFeatureClient": InlineCodeFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#SuperscriptFeatureClient": SuperscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#SubscriptFeatureClient": SubscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#StrikethroughFeatureClient": StrikethroughFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UnderlineFeatureClient": UnderlineFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#BoldFeatureClient": BoldFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ItalicFeatureClient": ItalicFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "/src/components/admin/SettleNewRows#SettleNewRows": SettleNewRows_029d63519c58ae246e026d6e72588f8b,
  "/src/components/admin/PreciseDateCell#PreciseDateCell": PreciseDateCell_1061cf0070647c060bac4d82be5fec29,
  "/src/components/admin/PreciseDateReadout#PreciseDateReadout": PreciseDateReadout_a7804fcc481061a76a5279583d9c5a65,
  "/src/components/admin/TranslationStateFilter#TranslationStateFilter": TranslationStateFilter_43286cf19c2792234e2a539a02f3d0ac,
  "/src/components/admin/EventStartCell#EventStartCell": EventStartCell_7d6ec8a4e8057c5b470fb86f2e888607,
  "/src/components/admin/SendEdition#SendEdition": SendEdition_9a756a51fc9bd2e5b275d2896dca8486,
  "/src/components/admin/RoleField#RoleField": RoleField_a49d8703f8d30acec15658a5d45e86f1,
  "/src/components/admin/SubscribersExport#SubscribersExport": SubscribersExport_742ee096824419b10ec81492b5f97702,
  "/src/components/admin/TranslationStatus#TranslationStatus": TranslationStatus_27f819cf372c1a7e286eb62940bfb748,
  "/src/components/admin/UsageNavLink#UsageNavLink": UsageNavLink_86e64141ff566b2235717dba91aa156d,
  "/src/components/admin/RoleActions#RoleActions": RoleActions_02066ed619c1c1e80070fa9e57f7c578,
  "@payloadcms/storage-s3/client#S3ClientUploadHandler": S3ClientUploadHandler_f97aa6c64367fa259c5bc0567239ef24,
  "/src/components/admin/UsageView#UsageView": UsageView_89ca66ce43d6b18d30b2c237f9c09a5e,
  "@payloadcms/next/rsc#CollectionCards": CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1
}
