/** An error as the api sends it (GraphQL or the /auth routes): a message already in the chosen language. */
export interface ApiError {
  message: string;
  code?: string;
  /** The offending input, e.g. `input.title`; shown next to that field. */
  field?: string;
  reason?: string;
}

interface RawError {
  message?: string;
  extensions?: { code?: unknown; field?: unknown; reason?: unknown };
}

export function toApiErrors(errors: readonly RawError[] | undefined | null): ApiError[] {
  return (errors ?? []).map((error) => ({
    message: error.message ?? '',
    code: typeof error.extensions?.code === 'string' ? error.extensions.code : undefined,
    field: typeof error.extensions?.field === 'string' ? error.extensions.field : undefined,
    reason: typeof error.extensions?.reason === 'string' ? error.extensions.reason : undefined,
  }));
}

/** `input.title` and `title` both name the form's `title` field; `input.items.2.name` names `items.2.name`. */
export function fieldName(field: string | undefined): string | undefined {
  if (!field) return undefined;
  return field.replace(/^(input|args)\./, '');
}

export interface FormErrors {
  byField: Record<string, string>;
  /** Errors that name no field the form shows: shown above the form. */
  general: string[];
}

export function splitErrors(errors: readonly ApiError[], formFields: readonly string[]): FormErrors {
  const byField: Record<string, string> = {};
  const general: string[] = [];
  for (const error of errors) {
    const name = fieldName(error.field);
    const match = name && formFields.find((field) => name === field || name.startsWith(`${field}.`));
    if (match && !byField[match]) byField[match] = error.message;
    else if (!general.includes(error.message)) general.push(error.message);
  }
  return { byField, general };
}
