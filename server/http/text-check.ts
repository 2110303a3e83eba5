/// Every string of every JSON request body is checked before any route sees it: a control character
/// (other than tab, line feed, carriage return) or a lone surrogate is refused with 400 naming the
/// field, the character and where it stands (core/text.ts). Nothing stores such text, so nothing has
/// to strip it later or return something other than what was sent.
import type { FastifyInstance } from 'fastify';
import { describeForbidden, findForbiddenCharacter } from '../../core/index.ts';
import { HttpError } from './errors.ts';

/// The path (`body.comments.2.text`) and report of the first forbidden character in `value`, or
/// undefined. Walks without recursion: a deeply nested body cannot exhaust the stack.
export function findForbiddenInJson(value: unknown, root = 'body'): string | undefined {
  const stack: Array<[unknown, string]> = [[value, root]];
  while (stack.length > 0) {
    const [item, path] = stack.pop()!;
    if (typeof item === 'string') {
      const found = findForbiddenCharacter(item);
      if (found) return `${path}: holds ${describeForbidden(found)}; remove it`;
    } else if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) stack.push([item[i], `${path}.${i}`]);
    } else if (item !== null && typeof item === 'object') {
      const entries = Object.entries(item);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i];
        const bad = findForbiddenCharacter(key);
        if (bad) return `${path}: a field name holds ${describeForbidden(bad)}`;
        stack.push([child, `${path}.${key}`]);
      }
    }
  }
  return undefined;
}

/// Refuse request bodies holding forbidden characters on every route of `app`.
export function checkTextInput(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    if (request.body === undefined || request.body === null) return;
    const problem = findForbiddenInJson(request.body);
    if (problem) throw new HttpError(400, problem);
  });
}
