/**
 * Every refusal as `{ error, field? }`: plain words a garage (or the add-in showing them) can act
 * on, and for a body that does not fit its schema the field's path as the add-in wrote it:
 * `rows[3].action.to`.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ISO_DATE, MAX_ROWS } from './schemas.ts';

export interface ApiError {
  error: string;
  field?: string;
}

interface SchemaError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

/** `/rows/3/action/to` → `rows[3].action.to`. */
export function fieldPath(instancePath: string, child?: string): string {
  const parts = instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (child) parts.push(child);
  return parts.reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}

const TYPE_WORDS: Record<string, string> = { string: 'text', number: 'a number', integer: 'a whole number', boolean: 'true or false', object: 'an object', array: 'a list', null: 'null' };

function what(error: SchemaError): string {
  const { keyword, params } = error;
  if (keyword === 'required') return 'is missing';
  if (keyword === 'type') {
    const types = String(params.type).split(',');
    return `must be ${types.map((t) => TYPE_WORDS[t] ?? t).join(' or ')}`;
  }
  if (keyword === 'enum') return `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  if (keyword === 'pattern') return params.pattern === ISO_DATE ? 'must be a date written YYYY-MM-DD' : 'is not in the right form';
  if (keyword === 'minLength') return 'must not be empty';
  if (keyword === 'maxLength') return `must be at most ${String(params.limit)} characters`;
  if (keyword === 'minItems') return 'must not be an empty list';
  if (keyword === 'maxItems') return `may hold at most ${String(params.limit)} items${params.limit === MAX_ROWS ? ': send the rows in smaller batches' : ''}`;
  return error.message ?? 'is not valid';
}

/** The first thing wrong with a body, in words, with its field. */
export function schemaRefusal(errors: readonly SchemaError[], part: string): ApiError {
  const first = errors[0];
  if (!first) return { error: `The request's ${part} is not valid.` };
  const field = fieldPath(first.instancePath, first.keyword === 'required' ? String(first.params.missingProperty) : undefined);
  const subject = field || `the request's ${part}`;
  return { error: `${subject} ${what(first)}.`, ...(field ? { field } : {}) };
}

const BY_CODE: Record<string, (limit: number) => string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: (limit) => `The request is larger than ${Math.round(limit / 1_048_576)} MB: send the rows in smaller batches.`,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () => 'Send the request as JSON (Content-Type: application/json).',
  FST_ERR_CTP_EMPTY_JSON_BODY: () => 'The request has no body: send the rows as JSON.',
  FST_ERR_CTP_INVALID_JSON_BODY: () => 'The request body is not valid JSON.',
};

/** fastify's error handler: refusals as ApiError; anything unexpected logged (never a body) and answered 500. */
export function errorHandler(bodyLimit: number, log: (line: string) => void) {
  return (error: FastifyError & { validation?: SchemaError[]; validationContext?: string }, request: FastifyRequest, reply: FastifyReply) => {
    if (error.validation) return reply.code(400).send(schemaRefusal(error.validation, error.validationContext ?? 'body'));
    const status = error.statusCode ?? 500;
    if (status === 429) return reply.code(429).send({ error: error.message });
    if (status < 500) {
      const words = BY_CODE[error.code]?.(bodyLimit) ?? (error instanceof SyntaxError ? 'The request body is not valid JSON.' : error.message);
      return reply.code(status).send({ error: words });
    }
    log(`${request.method} ${request.url.split('?')[0]} failed: ${error.message}`);
    return reply.code(500).send({ error: 'The worker could not do that because of an error on its side; it is in the worker\'s log. Try again, and if it keeps happening, restart retention serve.' });
  };
}
