import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { CoreError } from '../errors/domain-error.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** `@Args('id', { type: () => ID }, UuidPipe)`: a malformed id is BAD_USER_INPUT naming the argument, never a 500. */
@Injectable()
export class UuidPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const field = metadata.data ?? 'id';
    // REST params and query ids are always required (TypeORM treats `{ id: undefined }` as no condition at all).
    if (value == null && (metadata.type === 'query' || metadata.type === 'param'))
      throw CoreError.INVALID_ID({ field, params: { field } });
    if (value == null) return value;
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) if (!isUuid(v)) throw CoreError.INVALID_ID({ field, params: { field } });
    return value;
  }
}
