import * as migration_20261123_163223_initial from './20261123_163223_initial';
import * as migration_20261123_171700_read_indexes from './20261123_171700_read_indexes';

export const migrations = [
  {
    up: migration_20261123_163223_initial.up,
    down: migration_20261123_163223_initial.down,
    name: '20261123_163223_initial',
  },
  {
    up: migration_20261123_171700_read_indexes.up,
    down: migration_20261123_171700_read_indexes.down,
    name: '20261123_171700_read_indexes'
  },
];
