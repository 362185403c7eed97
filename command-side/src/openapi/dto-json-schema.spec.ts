import { IsInt, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { dtoJsonSchema } from './dto-json-schema.js';
import { openApiDocument } from './openapi-document.js';
import { REQUEST_DTOS } from './request-schemas.js';

const refOf = (dto: { name: string }) => `#/components/schemas/${dto.name}`;

class Inner {
  @IsString()
  @Length(2, 5)
  code!: string;
}

class Outer {
  @IsOptional()
  @IsString()
  note?: string;

  @ValidateNested()
  inner!: Inner;
}

class WithUnknownRule {
  @IsInt()
  count!: number;
}

describe('request schemas from the DTOs (dto-json-schema.ts)', () => {
  it('reads the constraints: required unless @IsOptional, which also takes null; nested classes by reference', () => {
    expect(dtoJsonSchema(Inner, { refOf })).toEqual({
      type: 'object',
      properties: { code: { type: 'string', minLength: 2, maxLength: 5 } },
      required: ['code'],
    });
    expect(dtoJsonSchema(Outer, { refOf, nested: { inner: Inner } })).toEqual({
      type: 'object',
      properties: { note: { type: ['string', 'null'] }, inner: { $ref: '#/components/schemas/Inner' } },
      required: ['inner'],
    });
  });

  it('refuses a constraint it cannot translate, and a nested class it was not told', () => {
    expect(() => dtoJsonSchema(WithUnknownRule, { refOf })).toThrowError(/WithUnknownRule.count: no JSON Schema for the constraint isInt/);
    expect(() => dtoJsonSchema(Outer, { refOf })).toThrowError(/Outer.inner: @ValidateNested without its class/);
  });

  it('gives the document a schema for every DTO a route validates with, naming the class', () => {
    const schemas = (openApiDocument()['components'] as { schemas: Record<string, Record<string, unknown>> }).schemas;
    for (const [name, dto] of Object.entries(REQUEST_DTOS)) expect(schemas[name]?.['x-dto']).withContext(name).toBe(dto.name);
    const create = schemas['CreateSigningProcessRequest']!;
    expect(create['required']).toEqual(['kind', 'title', 'documents', 'signer']);
    // The signer's OGRN is required by its own rule for a sole proprietor only: not listed as required.
    expect(schemas['Signer']!['required']).toEqual(['type', 'fullName', 'inn', 'phone']);
  });
});
