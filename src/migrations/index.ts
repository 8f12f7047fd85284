import * as migration_20261123_163223_initial from './20261123_163223_initial';
import * as migration_20261123_171700_read_indexes from './20261123_171700_read_indexes';
import * as migration_20261126_135117_media_uploader_no_account_lock from './20261126_135117_media_uploader_no_account_lock';
import * as migration_20261126_185016_change_log from './20261126_185016_change_log';
import * as migration_20261126_185945_webhooks from './20261126_185945_webhooks';
import * as migration_20261126_195103_text_freshness from './20261126_195103_text_freshness';
import * as migration_20261126_195326_event_sessions_organisers from './20261126_195326_event_sessions_organisers';
import * as migration_20261126_204602_newsletter_images from './20261126_204602_newsletter_images';
import * as migration_20261206_002835_users_content_locale from './20261206_002835_users_content_locale';
import * as migration_20261206_004006_event_start_convention from './20261206_004006_event_start_convention';
import * as migration_20261206_004934_event_ends from './20261206_004934_event_ends';
import * as migration_20261206_112826_signing_keys from './20261206_112826_signing_keys';
import * as migration_20261206_113640_partner_keys from './20261206_113640_partner_keys';
import * as migration_20261206_113908_rate_limits from './20261206_113908_rate_limits';
import * as migration_20261206_121704_trusted_documents from './20261206_121704_trusted_documents';
import * as migration_20261206_144329_partner_usage from './20261206_144329_partner_usage';
import * as migration_20261206_150917_shared_persisted_queries from './20261206_150917_shared_persisted_queries';
import * as migration_20261206_154129_media_object_storage from './20261206_154129_media_object_storage';
import * as migration_20261206_211302_shared_bundles from './20261206_211302_shared_bundles';
import * as migration_20261207_032230_newsletter_subscribers from './20261207_032230_newsletter_subscribers';
import * as migration_20261207_034820_newsletter_sends from './20261207_034820_newsletter_sends';
import * as migration_20261207_075941_consent_status_event from './20261207_075941_consent_status_event';

export const migrations = [
  {
    up: migration_20261123_163223_initial.up,
    down: migration_20261123_163223_initial.down,
    name: '20261123_163223_initial',
  },
  {
    up: migration_20261123_171700_read_indexes.up,
    down: migration_20261123_171700_read_indexes.down,
    name: '20261123_171700_read_indexes',
  },
  {
    up: migration_20261126_135117_media_uploader_no_account_lock.up,
    down: migration_20261126_135117_media_uploader_no_account_lock.down,
    name: '20261126_135117_media_uploader_no_account_lock',
  },
  {
    up: migration_20261126_185016_change_log.up,
    down: migration_20261126_185016_change_log.down,
    name: '20261126_185016_change_log',
  },
  {
    up: migration_20261126_185945_webhooks.up,
    down: migration_20261126_185945_webhooks.down,
    name: '20261126_185945_webhooks',
  },
  {
    up: migration_20261126_195103_text_freshness.up,
    down: migration_20261126_195103_text_freshness.down,
    name: '20261126_195103_text_freshness',
  },
  {
    up: migration_20261126_195326_event_sessions_organisers.up,
    down: migration_20261126_195326_event_sessions_organisers.down,
    name: '20261126_195326_event_sessions_organisers',
  },
  {
    up: migration_20261126_204602_newsletter_images.up,
    down: migration_20261126_204602_newsletter_images.down,
    name: '20261126_204602_newsletter_images',
  },
  {
    up: migration_20261206_002835_users_content_locale.up,
    down: migration_20261206_002835_users_content_locale.down,
    name: '20261206_002835_users_content_locale',
  },
  {
    up: migration_20261206_004006_event_start_convention.up,
    down: migration_20261206_004006_event_start_convention.down,
    name: '20261206_004006_event_start_convention',
  },
  {
    up: migration_20261206_004934_event_ends.up,
    down: migration_20261206_004934_event_ends.down,
    name: '20261206_004934_event_ends',
  },
  {
    up: migration_20261206_112826_signing_keys.up,
    down: migration_20261206_112826_signing_keys.down,
    name: '20261206_112826_signing_keys',
  },
  {
    up: migration_20261206_113640_partner_keys.up,
    down: migration_20261206_113640_partner_keys.down,
    name: '20261206_113640_partner_keys',
  },
  {
    up: migration_20261206_113908_rate_limits.up,
    down: migration_20261206_113908_rate_limits.down,
    name: '20261206_113908_rate_limits',
  },
  {
    up: migration_20261206_121704_trusted_documents.up,
    down: migration_20261206_121704_trusted_documents.down,
    name: '20261206_121704_trusted_documents',
  },
  {
    up: migration_20261206_144329_partner_usage.up,
    down: migration_20261206_144329_partner_usage.down,
    name: '20261206_144329_partner_usage',
  },
  {
    up: migration_20261206_150917_shared_persisted_queries.up,
    down: migration_20261206_150917_shared_persisted_queries.down,
    name: '20261206_150917_shared_persisted_queries',
  },
  {
    up: migration_20261206_154129_media_object_storage.up,
    down: migration_20261206_154129_media_object_storage.down,
    name: '20261206_154129_media_object_storage',
  },
  {
    up: migration_20261206_211302_shared_bundles.up,
    down: migration_20261206_211302_shared_bundles.down,
    name: '20261206_211302_shared_bundles',
  },
  {
    up: migration_20261207_032230_newsletter_subscribers.up,
    down: migration_20261207_032230_newsletter_subscribers.down,
    name: '20261207_032230_newsletter_subscribers',
  },
  {
    up: migration_20261207_034820_newsletter_sends.up,
    down: migration_20261207_034820_newsletter_sends.down,
    name: '20261207_034820_newsletter_sends',
  },
  {
    up: migration_20261207_075941_consent_status_event.up,
    down: migration_20261207_075941_consent_status_event.down,
    name: '20261207_075941_consent_status_event'
  },
];
