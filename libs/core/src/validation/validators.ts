import { applyDecorators } from '@nestjs/common';
import { Field } from '@nestjs/graphql';
import {
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  ValidateBy,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import { Transform, Type } from 'class-transformer';

/** A trimmed, required, bounded text: the usual title or name. */
export function RequiredText(maxLength: number, options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value)),
    IsString(options),
    IsNotEmpty(options),
    MaxLength(maxLength, options),
  );
}

/** A trimmed optional text; an empty string counts as not given. */
export function OptionalText(maxLength: number, options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || null : value)),
    IsOptional(),
    IsString(options),
    MaxLength(maxLength, options),
  );
}

/** Limits shared by every domain, so "absurd lengths" mean the same everywhere. */
export const TextLimits = {
  name: 200,
  title: 200,
  short: 500,
  long: 10_000,
  url: 2_000,
} as const;

/** An optional nested input object, validated as a whole: `@OptionalNested(() => ChecklistItemInput)`. */
export function OptionalNested(type: () => new (...args: never[]) => object, description?: string): PropertyDecorator {
  return applyDecorators(Field(type, { nullable: true, description }), IsOptional(), ValidateNested(), Type(type));
}

/**
 * A number with at most `places` decimals. class-validator's `IsNumber({ maxDecimalPlaces })` reads the decimals
 * from `String(value)` and throws on exponent form (`1e-7`, which spreadsheets and JSON clients write): a 500.
 * This one scales instead, so `1e-7` is refused as too precise and `1e3` is 1000.
 */
export function MaxDecimalPlaces(places: number, options?: ValidationOptions): PropertyDecorator {
  const scale = 10 ** places;
  return ValidateBy(
    {
      name: 'maxDecimalPlaces',
      constraints: [places],
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'number' || !Number.isFinite(value)) return false;
          const scaled = value * scale;
          return Math.abs(scaled - Math.round(scaled)) <= Math.abs(scaled) * Number.EPSILON * 4;
        },
        defaultMessage: () => `$property must have at most ${places} decimal places`,
      },
    },
    options,
  );
}
