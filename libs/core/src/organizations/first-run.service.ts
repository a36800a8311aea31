import { Injectable } from '@nestjs/common';
import { Db } from '../database/db.service.js';
import { User } from './user.entity.js';

export const FIRST_ADMIN_COMMAND =
  `NODEN_PASSWORD='<a long passphrase>' npm run cli -- user:create --email <your e-mail> --org Noden --role NODE_ADMIN --role NODE_STAFF --name "<your name>"`;

export interface FirstAdminNotice {
  command: string;
  /** A one-time link to a setup page, once the web app offers one. */
  setupLink?: string;
}

/** Tells whoever starts an empty installation how to create its first administrator. */
@Injectable()
export class FirstRunService {
  constructor(private readonly db: Db) {}

  /** Undefined once any user exists. */
  async firstAdminNotice(): Promise<FirstAdminNotice | undefined> {
    if (await this.db.manager.exists(User)) return undefined;
    const setupLink = await this.setupLink();
    return { command: FIRST_ADMIN_COMMAND, ...(setupLink ? { setupLink } : {}) };
  }

  /** The hook for the web app: issue a one-time setup token and answer its URL. No web app yet, so no link. */
  protected async setupLink(): Promise<string | undefined> {
    return undefined;
  }
}
