import { html as honoHtml, raw } from 'hono/html';

// hono's `html` tag, narrowed for views: values are text (escaped), numbers, or Html made by this
// same tag (kept as is). Views never hold promises, so the result is always synchronous.

export type Html = ReturnType<typeof raw>;
export type HtmlValue = string | number | boolean | null | undefined | Html | readonly HtmlValue[];

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  const result = honoHtml(strings, ...values);
  if (result instanceof Promise) throw new TypeError('view templates must not contain promises');
  return result;
}
