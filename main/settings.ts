/// The desktop app's settings for one profile, kept as JSON in that profile's user-data folder:
/// the menu language, the window's size and place, recent drafts per server, and the team server
/// connection. Validated on every read: a missing, unreadable or malformed file reads as the defaults
/// (a malformed one is kept aside as `settings.json.bad`), so a bad file never stops the app.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { RecentDraft } from './host-api.ts';

/// File name of the settings inside the user-data folder.
export const settingsFileName = 'settings.json';

/// How many recent drafts are remembered per server: 10.
export const recentLimit = 10;

const bounds = z.object({
  x: z.number().int().min(-100_000).max(100_000),
  y: z.number().int().min(-100_000).max(100_000),
  width: z.number().int().min(1).max(100_000),
  height: z.number().int().min(1).max(100_000),
});

const recentDraft = z.object({ id: z.string().min(1).max(200), title: z.string().max(500) });

const teamServer = z.object({
  url: z.string().url().max(2000),
  username: z.string().max(200),
  /// The session token, encrypted with the OS keychain (Electron safeStorage), base64.
  encryptedToken: z.string().max(10_000).optional(),
});

/// The settings file's schema.
export const settingsSchema = z.object({
  version: z.literal(1),
  language: z.enum(['zh', 'en']).optional(),
  window: z.object({ bounds, maximized: z.boolean() }).optional(),
  /// Recent drafts, most recent first, keyed by server: `local` or the team server's origin.
  recentDrafts: z.record(z.string().max(2000), z.array(recentDraft).max(recentLimit)),
  /// The team server in use; absent when the local server is.
  teamServer: teamServer.optional(),
});

/// The settings of one profile.
export type Settings = z.infer<typeof settingsSchema>;

/// The settings of a new profile.
export const defaultSettings: Settings = { version: 1, recentDrafts: {} };

/// Parse settings from JSON text. Throws a SyntaxError for bad JSON and a ZodError for a bad shape.
export function parseSettings(text: string): Settings {
  return settingsSchema.parse(JSON.parse(text));
}

/// Read the settings kept in folder `dir`; the defaults when there are none or they are malformed
/// (a malformed file is renamed to `settings.json.bad`).
export function readSettings(dir: string): Settings {
  const file = join(dir, settingsFileName);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return defaultSettings;
  }
  try {
    return parseSettings(text);
  } catch {
    try {
      renameSync(file, `${file}.bad`);
    } catch {
      // Keeping the bad file aside is a courtesy; the defaults are used either way.
    }
    return defaultSettings;
  }
}

/// Write `settings` to folder `dir` (created when missing), atomically: a crash leaves the old or the
/// new file, never half of one. Throws when `settings` is malformed or the folder cannot be written.
export function writeSettings(dir: string, settings: Settings): void {
  const checked = settingsSchema.parse(settings);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
  const file = join(dir, settingsFileName);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(checked, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, file);
}

/// `settings` with `draft` first in the recent drafts of `server` (`local` or an origin), without an
/// older entry for the same id, and at most recentLimit of them.
export function withRecentDraft(settings: Settings, server: string, draft: RecentDraft): Settings {
  const entry = { id: draft.id, title: draft.title };
  const previous = settings.recentDrafts[server] ?? [];
  const list = [entry, ...previous.filter((other) => other.id !== draft.id)].slice(0, recentLimit);
  return { ...settings, recentDrafts: { ...settings.recentDrafts, [server]: list } };
}

/// The profile named by a `--profile=NAME` (or `--profile NAME`) argument, or undefined for the
/// default profile. Throws a RangeError for a name other than 1–64 letters, digits, `-` and `_`.
export function profileFromArgv(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    let name: string | undefined;
    if (arg.startsWith('--profile=')) name = arg.slice('--profile='.length);
    else if (arg === '--profile') name = argv[i + 1] ?? '';
    else continue;
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(name))
      throw new RangeError(`Bad profile name: ${JSON.stringify(name)}`);
    return name;
  }
  return undefined;
}

/// The user-data folder of `profile` below the app's default user-data folder `userData`
/// (`userData/profiles/NAME`), or `userData` itself for the default profile.
export function profileDataDir(userData: string, profile: string | undefined): string {
  return profile === undefined ? userData : join(userData, 'profiles', profile);
}

/// The settings of one profile, held in memory and written through to the folder on every change.
export class SettingsStore {
  private current: Settings;

  /// Read the settings of folder `dir` (the defaults when there are none or they are malformed).
  constructor(readonly dir: string) {
    this.current = readSettings(dir);
  }

  /// The settings now.
  get value(): Settings {
    return this.current;
  }

  /// Replace the settings with `change(settings)` and write them. A change that returns the same
  /// object writes nothing. Throws when the result is malformed or cannot be written (the settings
  /// in memory stay as they were).
  update(change: (settings: Settings) => Settings): Settings {
    const next = change(this.current);
    if (next === this.current) return next;
    writeSettings(this.dir, next);
    this.current = next;
    return next;
  }
}
