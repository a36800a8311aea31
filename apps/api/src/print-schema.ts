import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { ConsoleLogger } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { loadConfigOrExit } from '#core';
import { createApi } from './bootstrap.js';
import { printApiSchema, SCHEMA_FILE } from './schema-file.js';

/** `npm run schema`: boots the api's modules (they connect to the configured Postgres) and writes the schema. */
const app = await createApi(loadConfigOrExit(), new ConsoleLogger({ logLevels: ['error'] }));
writeFileSync(SCHEMA_FILE, printApiSchema(app.get(GraphQLSchemaHost).schema));
await app.close();
process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
