// The public surface of server/ for the layers above it (cli/, main/), listed by name.
export type { ServerOptions, LifaServer } from './app.ts';
export { createServer, defaultRendererDir, localUsername, ServiceError } from './app.ts';
export type { Role } from './auth/roles.ts';
export { roles, isRole, canWrite, canManage } from './auth/roles.ts';
export type { SyncLimits } from './sync/limits.ts';
export { defaultSyncLimits } from './sync/limits.ts';
export { closeCodes } from './sync/protocol.ts';
export type { RoomOptions } from './sync/rooms.ts';
export type { Durability } from './storage/database.ts';
export type { Storage } from './storage/storage.ts';
export { openStorage, databaseFileName } from './storage/storage.ts';
export { bodyFragment, stateFromDoc, docFromState, DraftContentError } from './document.ts';
