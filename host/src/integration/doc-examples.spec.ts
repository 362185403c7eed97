import { documentedExamples, fieldShape, parseHttpAnswer } from './doc-examples.js';

describe('documented examples', () => {
  const markdown = [
    '```sh',
    'curl one',
    '```',
    '',
    '```json',
    '{"a": 1}',
    '```',
    'prose',
    '```sh',
    'curl two',
    '```',
    'prose between',
    '```http',
    'HTTP/1.1 201 Created',
    '```',
    '  ```sh',
    '  indented',
    '  ```',
    '',
  ].join('\n');

  it('pairs a script with the answer right after it, and only then', () => {
    expect(documentedExamples(markdown, 'sh')).toEqual([
      { script: 'curl one\n', answer: { language: 'json', text: '{"a": 1}\n' } },
      { script: 'curl two\n' },
    ]);
  });

  it('compares fields and their types, not values', () => {
    expect(fieldShape({ b: 'x', a: [{ c: 1 }], d: null })).toEqual({ a: [{ c: 'number' }], b: 'string', d: 'null' });
    expect(fieldShape({ a: 1 })).not.toEqual(fieldShape({ a: '1' }));
    expect(fieldShape({ a: 1 })).not.toEqual(fieldShape({ a: 1, b: 2 }));
  });

  it('reads an HTTP answer as curl -i prints it', () => {
    const answer = parseHttpAnswer('HTTP/1.1 201 Created\r\nLocation: /x\r\nContent-Type: application/json\r\n\r\n{"a":1}\n');
    expect(answer).toEqual({ status: 201, headerNames: ['location', 'content-type'], body: '{"a":1}' });
    expect(() => parseHttpAnswer('{"a":1}')).toThrowError(/not an HTTP answer/);
  });
});
