import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { CoreError, type FieldProblem } from '../errors/domain-error.js';

/** Swedish wording for the class-validator constraints we use; English comes from class-validator itself. */
const SWEDISH: Record<string, (c: Record<string, number | undefined>) => string> = {
  isNotEmpty: () => 'får inte vara tomt',
  isDefined: () => 'måste anges',
  maxLength: (c) => `får vara högst ${c.max} tecken`,
  minLength: (c) => `måste vara minst ${c.min} tecken`,
  arrayMaxSize: (c) => `får ha högst ${c.max} värden`,
  arrayMinSize: (c) => `måste ha minst ${c.min} värden`,
  arrayUnique: () => 'får inte innehålla dubbletter',
  isEmail: () => 'måste vara en e-postadress',
  isUuid: () => 'måste vara ett giltigt id',
  isInt: () => 'måste vara ett heltal',
  isNumber: () => 'måste vara ett tal',
  min: (c) => `måste vara minst ${c.min}`,
  max: (c) => `får vara högst ${c.max}`,
  isEnum: () => 'har ett okänt värde',
  isIn: () => 'har ett okänt värde',
  isBoolean: () => 'måste vara sant eller falskt',
  isDate: () => 'måste vara ett datum',
  isDateString: () => 'måste vara ett datum (ÅÅÅÅ-MM-DD)',
  isIso8601: () => 'måste vara ett datum (ÅÅÅÅ-MM-DD)',
  isUrl: () => 'måste vara en webbadress (https://…)',
  matches: () => 'har fel format',
  noNulByte: () => 'får inte innehålla NUL-tecken',
  maxDecimalPlaces: (c) => `får ha högst ${c.places} decimaler`,
  whitelistValidation: () => 'är inte ett känt fält',
};

function flatten(errors: ValidationError[], prefix: string): FieldProblem[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, en]) => {
      const limit = limitOf(en);
      return {
        field: path,
        constraint,
        ...(limit !== undefined ? { limit } : {}),
        en,
        sv: SWEDISH[constraint]?.({ max: limit, min: limit, places: limit }) ?? 'är ogiltigt',
      };
    });
    return own.concat(flatten(error.children ?? [], path));
  });
}

/** class-validator puts numeric limits only into its message; pull them back out for the Swedish text. */
function limitOf(message: string): number | undefined {
  const number = message.match(/(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)/i)?.[1];
  return number === undefined ? undefined : Number(number);
}

function findNulByte(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNulByte(value[i], path ? `${path}.${i}` : String(i));
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      const found = findNulByte(inner, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * Validates every input type and argument. Errors become BAD_USER_INPUT naming the field, in Swedish
 * and English. NUL bytes are refused everywhere: Postgres cannot store them in text.
 */
@Injectable()
export class InputValidationPipe implements PipeTransform {
  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (!isClientInput(metadata)) return value;
    // `@Args('input')` is one argument named `input`; `@Args()` spreads an ArgsType's fields as top-level arguments.
    const prefix = typeof metadata.data === 'string' ? metadata.data : '';
    const nul = findNulByte(value, prefix);
    if (nul)
      throw CoreError.INVALID_INPUT({
        field: nul,
        params: {
          field: nul,
          problem: SWEDISH.noNulByte({}),
          problemEn: 'must not contain NUL characters',
          constraint: 'noNulByte',
        },
      });

    const type = metadata.metatype;
    if (!type || !needsValidation(type) || value == null || typeof value !== 'object') return value;
    const instance = plainToInstance(type, value) as object;
    // GraphQL already refuses unknown fields; several @Args may share one args object, so extras are stripped, not refused.
    const errors = await validate(instance, {
      whitelist: true,
      forbidNonWhitelisted: false,
      forbidUnknownValues: false,
    });
    if (errors.length === 0) return instance;
    const problems = flatten(errors, prefix);
    const first = problems[0];
    throw CoreError.INVALID_INPUT({
      field: first.field,
      problems,
      params: {
        field: first.field,
        problem: first.sv,
        problemEn: first.en,
        constraint: first.constraint,
        limit: first.limit,
        fields: problems.map((p) => p.field),
      },
    });
  }
}

/** GraphQL `@Args` (param type 3 in @nestjs/graphql) and REST body/query/params; not parents or context. */
function isClientInput(metadata: ArgumentMetadata): boolean {
  const type = metadata.type as unknown;
  return type === 3 || type === 'body' || type === 'query' || type === 'param';
}

function needsValidation(type: abstract new (...args: never[]) => unknown): boolean {
  return ![String, Boolean, Number, Array, Object, Date].includes(type as never);
}
