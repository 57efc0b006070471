/**
 * Message templates: the text of templates/ (read by the worker, passed in) compiled once per run.
 *
 * Layout: templates/<name>/<part>, a folder per template name (a default rule's id, or the name a
 * custom rule gives) holding one file per part:
 *   email.subject.hbs, email.html.hbs, email.txt.hbs  — an email needs all three
 *   sms.hbs                                           — a text
 *   letter.hbs                                        — a letter's body (paragraphs between blank lines)
 *
 * Handlebars in strict mode, with only its own if / unless / each helpers. Each template is read
 * through here first: a field not in MERGE_FIELDS, a helper, a partial, or `{{{ }}}` in HTML (which
 * would let a customer's name write HTML) makes that part unusable, with the reason, before any
 * row is rendered — so a typo is found once, not once per customer.
 */
import Handlebars from 'handlebars';
import type { Method } from '../records.ts';
import { placeOf, type Problem, type ProblemCode, type Result } from '../problems.ts';
import { isMergeField, LIST_FIELDS } from './merge-fields.ts';

export type TemplatePart = 'email.subject' | 'email.html' | 'email.txt' | 'sms' | 'letter';

export const TEMPLATE_PARTS: readonly TemplatePart[] = ['email.subject', 'email.html', 'email.txt', 'sms', 'letter'];

/** The parts a method's message is made of. */
export const PARTS_FOR_METHOD: Record<Method, readonly TemplatePart[]> = {
  Email: ['email.subject', 'email.html', 'email.txt'],
  SMS: ['sms'],
  Letter: ['letter'],
};

export const TEMPLATE_EXTENSION = '.hbs';

/** Template files by their path under templates/, e.g. "mot-1/sms.hbs" → its text. */
export type TemplateFiles = ReadonlyMap<string, string>;

/** A compiled part: renders the data, or throws Handlebars' strict-mode error for an absent field. */
export interface CompiledPart {
  render(data: Record<string, unknown>): string;
  /** The field path at a line and column of the template ("3:12"), to name what a strict-mode error stopped on. */
  pathAt(line: number, column: number): string | undefined;
}

export interface CompiledTemplates {
  /** name → part → compiled part. */
  parts: Map<string, Map<TemplatePart, CompiledPart>>;
  /** "mot-1/sms.hbs" → why it cannot be used: rows that need it fail with this reason. */
  unusable: Map<string, string>;
}

export function templateFile(name: string, part: TemplatePart): string {
  return `${name}/${part}${TEMPLATE_EXTENSION}`;
}

const BLOCK_HELPERS = new Set(['if', 'unless', 'each']);

/** Why a template cannot be used, or null: unknown fields, helpers, partials, unescaped HTML. */
function checkTemplate(ast: hbs.AST.Program, html: boolean, paths: Map<string, string>): { code: ProblemCode; reason: string } | null {
  let found: { code: ProblemCode; reason: string } | null = null;
  const fail = (code: ProblemCode, reason: string) => {
    found ??= { code, reason };
  };

  const field = (node: hbs.AST.Expression, inEach: boolean, list: boolean) => {
    if (node.type !== 'PathExpression') {
      if (node.type === 'SubExpression') fail('template_invalid', 'uses a helper inside (…); only if, unless and each are allowed');
      return;
    }
    const path = node as hbs.AST.PathExpression;
    const text = path.original;
    paths.set(`${path.loc.start.line}:${path.loc.start.column}`, text);
    if (inEach && (text === 'this' || text === '.')) return;
    if (path.data || path.depth > 0 || !isMergeField(text)) return fail('template_field_unknown', `uses {{${text}}}, which is not a merge field (see templates/README.md)`);
    if (list !== LIST_FIELDS.has(text)) fail('template_invalid', list ? `goes through {{${text}}} with each, but it is one value` : `shows the list {{${text}}}; go through it with {{#each ${text}}}`);
  };

  const walk = (program: hbs.AST.Program | undefined, inEach: boolean) => {
    for (const node of program?.body ?? []) {
      switch (node.type) {
        case 'ContentStatement':
        case 'CommentStatement':
          break;
        case 'MustacheStatement': {
          const m = node as hbs.AST.MustacheStatement;
          if (m.params.length > 0 || m.hash) fail('template_invalid', `uses a helper in {{${(m.path as hbs.AST.PathExpression).original} …}}; only if, unless and each are allowed`);
          else if (html && !m.escaped) fail('template_invalid', 'uses {{{ }}} in HTML, which would let customer data write HTML; use {{ }}');
          else field(m.path, inEach, false);
          break;
        }
        case 'BlockStatement': {
          const b = node as hbs.AST.BlockStatement;
          const helper = (b.path as hbs.AST.PathExpression).original;
          if (!BLOCK_HELPERS.has(helper) || b.params.length !== 1 || b.hash) {
            fail('template_invalid', `uses {{#${helper}}}; only {{#if field}}, {{#unless field}} and {{#each list}} are allowed`);
            break;
          }
          field(b.params[0]!, inEach, helper === 'each');
          walk(b.program, inEach || helper === 'each');
          walk(b.inverse, inEach);
          break;
        }
        default:
          fail('template_invalid', 'uses a partial or decorator ({{> …}}); write the text in the template itself');
      }
    }
  };
  walk(ast, false);
  return found;
}

function templateProblem(file: string, code: ProblemCode, message: string): Problem {
  return { source: 'message', code, message, where: placeOf({ file: `templates/${file}` }), value: '', action: 'template not used; its rows are not sent' };
}

/**
 * Compiles every template part found, once. Files that are not a known part are ignored (a
 * README, a backup); a part that cannot be used is reported here and named on each row that needs it.
 *
 * @example
 * const { value: templates, problems } = compileTemplates(await readTemplateFiles('templates'));
 */
export function compileTemplates(files: TemplateFiles): Result<CompiledTemplates> {
  // An environment of our own: nothing registered elsewhere reaches these templates.
  const handlebars = Handlebars.create();
  const parts = new Map<string, Map<TemplatePart, CompiledPart>>();
  const unusable = new Map<string, string>();
  const problems: Problem[] = [];
  for (const [file, text] of files) {
    const match = /^([^/]+)\/(.+)\.hbs$/.exec(file);
    const part = match && TEMPLATE_PARTS.find((p) => p === match[2]);
    if (!match || !part) continue;
    const name = match[1]!;
    let ast: hbs.AST.Program;
    try {
      // A template saved on Windows has CRLF line ends; a letter's paragraphs are split on blank lines.
      ast = handlebars.parse(text.replace(/\r\n?/g, '\n'));
    } catch (error) {
      const reason = `cannot be read: ${(error as Error).message.split('\n')[0]}`;
      unusable.set(file, reason);
      problems.push(templateProblem(file, 'template_invalid', `Template ${file} ${reason}. Correct it in templates/.`));
      continue;
    }
    const html = part === 'email.html';
    const paths = new Map<string, string>();
    const wrong = checkTemplate(ast, html, paths);
    if (wrong) {
      unusable.set(file, wrong.reason);
      problems.push(templateProblem(file, wrong.code, `Template ${file} ${wrong.reason}. Correct it in templates/.`));
      continue;
    }
    // Strict: a field that is not in the data (an empty one is left out) stops the render.
    // Only HTML is escaped; a text body or an SMS shows "O'Neil & Sons" as written.
    const render = handlebars.compile(ast, { strict: true, knownHelpersOnly: true, noEscape: !html });
    let named = parts.get(name);
    if (!named) parts.set(name, (named = new Map()));
    named.set(part, { render: (data) => render(data), pathAt: (line, column) => paths.get(`${line}:${column}`) });
  }
  return { value: { parts, unusable }, problems };
}
