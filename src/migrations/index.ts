import * as migration_20261123_162902_initial from './20261123_162902_initial';

export const migrations = [
  {
    up: migration_20261123_162902_initial.up,
    down: migration_20261123_162902_initial.down,
    name: '20261123_162902_initial'
  },
];
