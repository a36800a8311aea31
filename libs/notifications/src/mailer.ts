import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { AppConfig } from '#core';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** SMTP through nodemailer when SMTP_URL is set; otherwise notifications stay in-app only. */
@Injectable()
export class Mailer implements OnModuleDestroy {
  private transporter?: Transporter;

  constructor(private readonly config: AppConfig) {}

  get enabled(): boolean {
    return !!this.config.smtpUrl;
  }

  async send(mail: Mail): Promise<void> {
    this.transporter ??= nodemailer.createTransport(this.config.smtpUrl, { from: this.config.mailFrom });
    await this.transporter.sendMail({ from: this.config.mailFrom, ...mail });
  }

  onModuleDestroy(): void {
    this.transporter?.close();
  }
}
