/// The proof-of-work check of the public comment form (ALTCHA, served and verified here: no third
/// party). The form's widget fetches a challenge, the browser works for a moment, and the comment
/// carries the solution; a person does nothing but wait, with the keyboard or a screen reader as
/// well as with a mouse. A program sending thousands of comments pays that work for each.
///
/// Challenges are PBKDF2/SHA-256 in ALTCHA's deterministic mode: the server picks the counter the
/// browser must reach, so the work is known; the counter range is the difficulty. It rises by itself
/// when more comments arrive per minute than `threshold` (×4 the work at each doubling of the
/// intake over it) and falls back as the intake does. A solution is accepted once, before its
/// challenge expires.
import { randomBytes } from 'node:crypto';
import { CappedMap, createChallenge, randomInt, verifySolution } from 'altcha-lib';
import type { Challenge, Solution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';

/// Options of the check. Every field has a default.
export interface ProofOptions {
  /// PBKDF2 iterations per attempt. Defaults to 1,000.
  readonly cost?: number;
  /// Least counter at normal intake (the browser tries that many keys at least). Defaults to 1,000;
  /// the counter is drawn from [base, 3 × base).
  readonly baseCounter?: number;
  /// Comments a minute (all drafts) above which the work rises. Defaults to 30.
  readonly threshold?: number;
  /// Most times the base work is multiplied (4^levels). Defaults to 3 levels (×64).
  readonly maxLevel?: number;
  /// Seconds a challenge stays valid. Defaults to 600.
  readonly expiresIn?: number;
}

/// Why a proof was refused: missing (400) or invalid, expired or used before (403).
export type ProofRefusal = { readonly status: 400 | 403; readonly detail: string };

/// The proof-of-work check of one server.
export class ProofOfWork {
  private readonly cost: number;
  private readonly baseCounter: number;
  private readonly threshold: number;
  private readonly maxLevel: number;
  private readonly expiresIn: number;
  private readonly used = new CappedMap<string, true>({ maxSize: 200_000 });
  private readonly intake: number[] = [];

  constructor(
    /// Secret the challenges are signed with (random per database, kept in its meta table).
    private readonly secret: string,
    options: ProofOptions = {},
    private readonly now: () => number = Date.now,
  ) {
    this.cost = options.cost ?? 1000;
    this.baseCounter = options.baseCounter ?? 1000;
    this.threshold = options.threshold ?? 30;
    this.maxLevel = options.maxLevel ?? 3;
    this.expiresIn = options.expiresIn ?? 600;
    for (const [name, value] of Object.entries({
      cost: this.cost,
      baseCounter: this.baseCounter,
      threshold: this.threshold,
      expiresIn: this.expiresIn,
    })) {
      if (!Number.isInteger(value) || value < 1)
        throw new RangeError(`Proof ${name} must be a positive integer`);
    }
  }

  /// A new random secret for the meta table.
  static newSecret(): string {
    return randomBytes(32).toString('hex');
  }

  /// Comments accepted in the last minute.
  intakePerMinute(): number {
    const since = this.now() - 60_000;
    while (this.intake.length && this.intake[0] <= since) this.intake.shift();
    return this.intake.length;
  }

  /// The current level of difficulty: 0 at normal intake, one more for each doubling over the
  /// threshold, at most maxLevel.
  level(): number {
    const rate = this.intakePerMinute();
    if (rate <= this.threshold) return 0;
    return Math.min(this.maxLevel, Math.floor(Math.log2(rate / this.threshold)) + 1);
  }

  /// Count one comment accepted now (the intake that sets the difficulty).
  recordIntake(): void {
    this.intake.push(this.now());
    if (this.intake.length > 100_000) this.intake.splice(0, this.intake.length - 100_000);
  }

  /// A new challenge at the current difficulty, as the ALTCHA widget fetches it.
  async challenge(): Promise<Challenge> {
    const level = this.level();
    const low = this.baseCounter * 4 ** level;
    return createChallenge({
      algorithm: 'PBKDF2/SHA-256',
      cost: this.cost,
      counter: randomInt(3 * low - 1, low),
      deriveKey,
      data: { level },
      expiresAt: new Date(this.now() + this.expiresIn * 1000),
      hmacSignatureSecret: this.secret,
      hmacKeySignatureSecret: `${this.secret}:key`,
    });
  }

  /// Check `payload` (the widget's base64 JSON `{challenge, solution}`). Resolves to null when it
  /// is a valid solution not used before (and marks it used), else to the refusal.
  async verify(payload: unknown): Promise<ProofRefusal | null> {
    if (typeof payload !== 'string' || payload.trim() === '') {
      return {
        status: 400,
        detail: 'altcha: the proof of work is missing; let the check on the form finish, then send again',
      };
    }
    let parsed: { challenge?: Challenge; solution?: Solution };
    try {
      parsed = JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as typeof parsed;
    } catch {
      return { status: 400, detail: 'altcha: the proof of work is not readable' };
    }
    const challenge = parsed?.challenge;
    const solution = parsed?.solution;
    if (
      !challenge ||
      typeof challenge !== 'object' ||
      !challenge.parameters ||
      !solution ||
      typeof solution !== 'object'
    ) {
      return { status: 400, detail: 'altcha: the proof of work is not readable' };
    }
    const nonce = String(challenge.parameters.nonce);
    if (this.used.has(nonce)) {
      return { status: 403, detail: 'altcha: this proof of work was used before; solve the check again' };
    }
    let result: Awaited<ReturnType<typeof verifySolution>>;
    try {
      result = await verifySolution({
        challenge,
        solution,
        deriveKey,
        hmacSignatureSecret: this.secret,
        hmacKeySignatureSecret: `${this.secret}:key`,
      });
    } catch {
      return { status: 403, detail: 'altcha: the proof of work is not valid' };
    }
    if (result.expired) return { status: 403, detail: 'altcha: the check expired; solve it again' };
    if (!result.verified) return { status: 403, detail: 'altcha: the proof of work is not valid' };
    if (this.used.has(nonce)) {
      return { status: 403, detail: 'altcha: this proof of work was used before; solve the check again' };
    }
    this.used.set(nonce, true);
    return null;
  }
}
