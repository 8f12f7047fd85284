import * as migration_20261123_163223_initial from './20261123_163223_initial';

export const migrations = [
  {
    up: migration_20261123_163223_initial.up,
    down: migration_20261123_163223_initial.down,
    name: '20261123_163223_initial'
  },
];
