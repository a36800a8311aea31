import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
// The demo lets three years pass in a minute: it needs the Clock every service sees to be one it moves, which
// Nest offers only through its testing module's override (a development dependency, like the demo itself).
import { Test, type TestingModule } from '@nestjs/testing';
import {
  createLogger,
  PinoNestLogger,
  addDays,
  addMonths,
  calendarDate,
  Clock,
  CoreModule,
  Db,
  ManualClock,
  type Organization,
  OrganizationService,
  QueueModule,
  RequestContext,
  Role,
  UserService,
} from '#core';
import { CompatibilityService, ProductService, SystemService } from '#catalog';
import {
  NeedCommentService,
  NeedEndorsementService,
  NeedService,
  NeedStatus,
  NeedWorkflowService,
  TechCoachService,
} from '#needs';
import { SteeringReviewService, TestActivityService, TestProtocolService } from '#testbed';
import {
  CallOffService,
  FrameworkAgreementService,
  ParticipationService,
  ProcurementScanService,
  ProcurementService,
} from '#procurement';
import {
  type FollowUp,
  FollowUpService,
  FollowUpStep,
  FollowUpWorkflowService,
  ImplementationService,
} from '#followup';
import { ArticleKind, KnowledgeArticleService, KnowledgeSourceType, QualityGrade } from '#knowledge';
import { DOMAIN_MODULES } from '../../../domain-modules.js';
import { countsByStatus, organizationCount, userCount } from '../cli.queries.js';

/** One password for every demo login, printed with them: a demo database holds nothing worth protecting. */
export const DEMO_PASSWORD = 'Sormland-demo-2026';

export class DemoRefused extends Error {}

export interface DemoLogin {
  email: string;
  name: string;
  organization: string;
  roles: Role[];
}

export interface DemoReport {
  logins: DemoLogin[];
  password: string;
  needs: Record<string, number>;
  followUps: Record<string, number>;
}

@Module({ imports: [CoreModule, QueueModule.forRoot('producer'), ...DOMAIN_MODULES] })
class DemoModule {}

interface DemoUser extends DemoLogin {
  id: string;
  ctx: RequestContext;
}

type Input<S, M extends keyof S> = S[M] extends (ctx: RequestContext, input: infer I, ...rest: never[]) => unknown
  ? I
  : never;

/** Under the reserved `.example` top-level domain: notifications the worker e-mails from a demo reach nobody. */
const MAIL_DOMAINS: Record<string, string> = {
  Noden: 'noden',
  '04': 'regionsormland',
  '0484': 'eskilstuna',
  '0482': 'flen',
  '0483': 'katrineholm',
  '0480': 'nykoping',
  '0486': 'strangnas',
  '0488': 'trosa',
  '0428': 'vingaker',
  '0461': 'gnesta',
  '0481': 'oxelosund',
};

function asciiLower(text: string): string {
  return text.toLowerCase().replace(/[åä]/g, 'a').replace(/ö/g, 'o').replace(/é/g, 'e');
}

/** Offered, accepted and declined by sex for an implementation of `quantity` units: most accept, some decline. */
function peopleFor(quantity: number) {
  const accepted = { women: Math.round(quantity * 0.5), men: Math.round(quantity * 0.3), otherOrUnknown: 0 };
  const declined = { women: Math.round(quantity * 0.1), men: Math.round(quantity * 0.08), otherOrUnknown: 1 };
  const offered = { women: accepted.women + declined.women, men: accepted.men + declined.men, otherOrUnknown: 1 };
  return { offered, accepted, declined };
}

/** The day at 09:00 UTC (10 or 11 in Sweden): office hours, whatever the season. */
function officeHours(date: Date): Date {
  return new Date(`${calendarDate(date)}T09:00:00.000Z`);
}

/**
 * Fills an empty database (migrated, reference data seeded) with a working Sörmland: every step of the thread,
 * made through the domain services as the users who would make it, with the clock moved as time passes. It ends
 * at `now`, with follow-ups scheduled, due, answered and overdue.
 */
export async function runDemo(options: { now?: Date; log?: (line: string) => void } = {}): Promise<DemoReport> {
  if (process.env.NODE_ENV === 'production')
    throw new DemoRefused('The demo county is refused in production (NODE_ENV=production).');
  const log = options.log ?? (() => undefined);
  const now = options.now ?? new Date();
  const clock = new ManualClock(addMonths(officeHours(now), -40));
  const moduleRef = await Test.createTestingModule({ imports: [DemoModule] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  // The demo's own lines are its output: the services' log lines only from LOG_LEVEL=warn up (or debug when asked).
  const level = process.env.LOG_LEVEL === 'debug' ? 'debug' : process.env.LOG_LEVEL === 'warn' ? 'warn' : 'error';
  moduleRef.useLogger(new PinoNestLogger(createLogger({ level, pretty: false, process: 'cli' })));
  await moduleRef.init();
  try {
    return await new DemoCounty(moduleRef, clock, now, log).build();
  } finally {
    await moduleRef.close();
  }
}

class DemoCounty {
  private readonly users = new Map<string, DemoUser>();
  private readonly organizations = new Map<string, Organization>();
  private readonly get: <T>(type: abstract new (...args: never[]) => T) => T;

  constructor(
    moduleRef: TestingModule,
    private readonly clock: ManualClock,
    private readonly now: Date,
    private readonly log: (line: string) => void,
  ) {
    this.get = (type) => moduleRef.get(type as never, { strict: false });
  }

  async build(): Promise<DemoReport> {
    await this.refuseUnlessEmpty();
    await this.createUsers();
    const catalog = await this.createCatalog();
    const needs = await this.reportNeeds();
    const protocol = await this.runTest(needs.nightVisits, catalog.camera);
    const thread = await this.procure(needs.nightVisits, protocol.decisionId, catalog);
    await this.passTime(thread, needs);
    await this.writeKnowledge(needs, protocol.decisionId, catalog);
    this.clock.set(this.now);
    return this.summary();
  }

  private async refuseUnlessEmpty(): Promise<void> {
    const db = this.get(Db);
    const users = await userCount(db.manager);
    if (users > 0)
      throw new DemoRefused(
        [
          `The database already holds ${users} user(s): the demo county fills only an empty database, and the setup link`,
          'and the demo exclude each other (the demo brings its own administrator). To try the demo, give it a fresh',
          'data folder of its own and keep your node as it is: stop `npm start`, then run',
          '  EMBEDDED_POSTGRES_DIR=.noden-demo/postgres npm start',
          'and, in a second terminal,',
          '  EMBEDDED_POSTGRES_DIR=.noden-demo/postgres npm run demo',
          '(with your own Postgres: point DATABASE_URL at a new, empty database instead).',
        ].join('\n'),
      );
    const organizations = await organizationCount(db.manager);
    if (organizations === 0) throw new DemoRefused('No organisations: run the migrations and `npm run seed` first.');
  }

  // ---- people ---------------------------------------------------------------------------------------------

  private async organization(code: string): Promise<Organization> {
    let org = this.organizations.get(code);
    if (!org) {
      org = (await this.get(OrganizationService).findByCodeOrName(code)) ?? undefined;
      if (!org) throw new DemoRefused(`Organisation ${code} is missing: run \`npm run seed\` first.`);
      this.organizations.set(code, org);
    }
    return org;
  }

  private async createUsers(): Promise<void> {
    const people: [key: string, org: string, name: string, roles: Role[]][] = [
      ['admin', 'Noden', 'Anna Adminsson', [Role.NODE_ADMIN, Role.NODE_STAFF]],
      ['processLead', 'Noden', 'Petra Processledare', [Role.NODE_STAFF]],
      ['specialist', 'Noden', 'Sami Specialist', [Role.NODE_STAFF]],
      ['regionSteering', '04', 'Rut Regionsson', [Role.STEERING_MEMBER]],
      ['regionCoordinator', '04', 'Ragnar Regionkontakt', [Role.MUNICIPALITY_COORDINATOR]],
      ['eskilstunaSteering', '0484', 'Eva Eskilsdotter', [Role.STEERING_MEMBER]],
      ['eskilstunaCoordinator', '0484', 'Erik Ekholm', [Role.MUNICIPALITY_COORDINATOR]],
      ['eskilstunaCoach', '0484', 'Elin Engström', [Role.TECH_COACH]],
      ['flenSteering', '0482', 'Fredrik Flodin', [Role.STEERING_MEMBER]],
      ['flenCoordinator', '0482', 'Frida Fors', [Role.MUNICIPALITY_COORDINATOR]],
      ['flenCoach', '0482', 'Fatima Fahlén', [Role.TECH_COACH]],
      ['flenViewer', '0482', 'Folke Friberg', [Role.VIEWER]],
      ['katrineholmSteering', '0483', 'Karin Kask', [Role.STEERING_MEMBER]],
      ['katrineholmCoordinator', '0483', 'Kent Karlberg', [Role.MUNICIPALITY_COORDINATOR]],
      ['katrineholmCoach', '0483', 'Klara Kvist', [Role.TECH_COACH]],
      ['nykopingSteering', '0480', 'Nora Nyberg', [Role.STEERING_MEMBER]],
      ['nykopingCoordinator', '0480', 'Niklas Nordin', [Role.MUNICIPALITY_COORDINATOR]],
      ['nykopingCoach', '0480', 'Nadia Nilsson', [Role.TECH_COACH]],
      ['strangnasSteering', '0486', 'Sofia Strand', [Role.STEERING_MEMBER]],
      ['strangnasCoordinator', '0486', 'Stefan Sjöberg', [Role.MUNICIPALITY_COORDINATOR]],
      ['trosaSteering', '0488', 'Tove Trygg', [Role.STEERING_MEMBER]],
      ['trosaViewer', '0488', 'Tor Tegnér', [Role.VIEWER]],
      ['vingakerSteering', '0428', 'Vera Vik', [Role.STEERING_MEMBER]],
      ['vingakerCoach', '0428', 'Viktor Vall', [Role.TECH_COACH]],
      ['gnestaSteering', '0461', 'Greta Gran', [Role.STEERING_MEMBER]],
      ['oxelosundSteering', '0481', 'Oskar Ohlin', [Role.STEERING_MEMBER]],
    ];
    const nodeOrg = await this.organization('Noden');
    const system = RequestContext.system(nodeOrg.id, 'demo');
    for (const [key, code, name, roles] of people) {
      const org = await this.organization(code);
      const email = `${asciiLower(name).replace(/\s+/g, '.')}@${MAIL_DOMAINS[code]}.example`;
      const user = await this.get(UserService).create(system, {
        email,
        password: DEMO_PASSWORD,
        displayName: name,
        organizationId: org.id,
        roles,
      });
      const ctx = new RequestContext(
        { userId: user.id, organizationId: org.id, organizationKind: org.kind, roles },
        `demo-${randomUUID()}`,
      );
      this.users.set(key, { id: user.id, email, name, organization: org.name, roles, ctx });
    }
    this.log(
      `${this.users.size} users in ${new Set([...this.users.values()].map((u) => u.organization)).size} organisations`,
    );
  }

  private user(key: string): DemoUser {
    const user = this.users.get(key);
    if (!user) throw new Error(`no demo user ${key}`);
    return user;
  }

  private ctx(key: string): RequestContext {
    return this.user(key).ctx;
  }

  // ---- catalogue ------------------------------------------------------------------------------------------

  private async createCatalog() {
    const products = this.get(ProductService);
    const systems = this.get(SystemService);
    const staff = this.ctx('specialist');
    const supplier = await products.createSupplier(staff, {
      name: 'Trygga Hem Sverige AB',
      organizationNumber: '556677-8899',
      website: 'https://tryggahem.example.se',
    });
    const alarmSupplier = await products.createSupplier(staff, {
      name: 'Nordlarm AB',
      organizationNumber: '556123-4567',
    });
    const product = (category: string, supplierId: string, name: string, model: string, description: string) =>
      products.createProduct(staff, {
        category,
        supplierId,
        name,
        model,
        description,
        versions: [{ version: '3.1' }],
      });
    const camera = await product(
      'DIGITAL_SUPERVISION',
      supplier.id,
      'NattSyn',
      'NS-3',
      'Kamera för digital nattillsyn med ljus- och rörelsestyrning; ingen lagring av bild.',
    );
    const gpsAlarm = await product(
      'MOBILE_SAFETY_ALARM',
      alarmSupplier.id,
      'Nordlarm Mobil',
      'NM-2',
      'Mobilt trygghetslarm med GPS för utevistelse.',
    );
    await product(
      'MEDICATION_DISPENSER',
      supplier.id,
      'Dosa Hemma',
      'DH-1',
      'Läkemedelsautomat med påminnelse och larm vid utebliven dos.',
    );

    const journal = await systems.createSystem(staff, {
      kind: 'CARE_DOCUMENTATION',
      name: 'Omsorgsjournalen',
      vendorName: 'Journalbolaget AB',
      versions: [{ version: '7.0' }],
    });
    const receiver = await systems.createSystem(staff, {
      kind: 'ALARM_RECEIVER',
      name: 'Larmmottagning Sörmland',
      vendorName: 'Nordlarm AB',
      versions: [{ version: '4.2' }],
    });
    for (const [key, code] of [
      ['eskilstunaCoordinator', '0484'],
      ['flenCoordinator', '0482'],
      ['katrineholmCoordinator', '0483'],
      ['nykopingCoordinator', '0480'],
    ] as const) {
      const organizationId = (await this.organization(code)).id;
      await systems.setOrganizationSystem(this.ctx(key), {
        organizationId,
        systemId: journal.id,
        version: '7.0',
        inUseSince: '2021-09-01',
      });
      if (code !== '0480')
        await systems.setOrganizationSystem(this.ctx(key), {
          organizationId,
          systemId: receiver.id,
          version: '4.2',
        });
    }
    await this.get(CompatibilityService).assert(staff, {
      productId: camera.id,
      productVersions: '>=3 <4',
      systemId: journal.id,
      systemVersions: '>=7 <8',
      status: 'SUPPORTED',
      evidence: 'VENDOR_CLAIMED',
      note: 'Tillsynshändelser förs in i journalen via leverantörens integration.',
    } as Input<CompatibilityService, 'assert'>);
    this.log('catalogue: 2 suppliers, 3 products, 2 systems, 7 landscape entries, 1 compatibility statement');
    return { camera: camera.id, gpsAlarm: gpsAlarm.id, cameraSupplier: supplier.id, gpsSupplier: alarmSupplier.id };
  }

  // ---- needs ----------------------------------------------------------------------------------------------

  private reportNeed(
    key: string,
    need: {
      title: string;
      description: string;
      category: string | null;
      targetGroup: string;
      setting: string;
      source: string;
      urgency?: string;
      people?: number;
    },
  ) {
    return this.get(NeedService).report(this.ctx(key), {
      title: need.title,
      description: need.description,
      category: need.category,
      targetGroup: need.targetGroup,
      setting: need.setting,
      source: need.source,
      urgency: need.urgency ?? 'MEDIUM',
      hardToReach: false,
      estimatedPeopleAffected: need.people ?? null,
    } as Input<NeedService, 'report'>);
  }

  private changeNeedStatus(key: string, needId: string, status: NeedStatus, reason: string) {
    return this.get(NeedWorkflowService).changeStatus(this.ctx(key), { needId, status, reason });
  }

  private async reportNeeds() {
    const coaches = this.get(TechCoachService);
    for (const [key, unit, setting, categories] of [
      ['flenCoach', 'Hemtjänsten Flen centrum', 'HOME_CARE', ['DIGITAL_SUPERVISION', 'SAFETY_ALARM']],
      ['eskilstunaCoach', 'Hemtjänst Eskilstuna Norr', 'HOME_CARE', ['MOBILE_SAFETY_ALARM']],
      ['katrineholmCoach', 'Vård- och omsorgsboendet Lövåsen', 'SPECIAL_HOUSING', ['MEDICATION_DISPENSER']],
      ['nykopingCoach', 'Hemtjänst Nyköping Väst', 'HOME_CARE', ['VIDEO']],
      ['vingakerCoach', 'Hemtjänsten Vingåker', 'HOME_CARE', []],
    ] as const) {
      await coaches.register(this.ctx(key), { unit, setting, categories: [...categories] } as Input<
        TechCoachService,
        'register'
      >);
      await coaches.recordActivity(this.ctx(key), {
        kind: 'TRAINING',
        occurredOn: this.clock.today(),
        staffReached: 8,
        note: 'Introduktion av trygghetslarm för nyanställda',
      } as Input<TechCoachService, 'recordActivity'>);
    }

    const nightVisits = await this.reportNeed('flenCoach', {
      title: 'Nattliga tillsynsbesök väcker brukare',
      description:
        'Nattpatrullen tittar till brukare i ordinärt boende två till fyra gånger per natt. Många vaknar och somnar inte om; några blir oroliga.',
      category: 'DIGITAL_SUPERVISION',
      targetGroup: 'CARE_RECIPIENTS_ORDINARY_HOUSING',
      setting: 'HOME_CARE',
      source: 'STAFF',
      urgency: 'HIGH',
      people: 40,
    });
    const outdoors = await this.reportNeed('eskilstunaCoach', {
      title: 'Trygghetslarmet fungerar inte utomhus',
      description:
        'Brukare som vill gå promenader vågar inte, eftersom larmet bara fungerar inomhus. Anhöriga oroar sig.',
      category: 'MOBILE_SAFETY_ALARM',
      targetGroup: 'CARE_RECIPIENTS_ORDINARY_HOUSING',
      setting: 'HOME_CARE',
      source: 'RELATIVE',
      people: 120,
    });
    const medication = await this.reportNeed('katrineholmCoach', {
      title: 'Missade läkemedelsdoser hos brukare med minnessvikt',
      description:
        'Brukare med minnessvikt glömmer doser mellan besöken; personalen upptäcker det först vid nästa besök.',
      category: 'MEDICATION_DISPENSER',
      targetGroup: 'CARE_RECIPIENTS_ORDINARY_HOUSING',
      setting: 'HOME_CARE',
      source: 'STAFF',
      people: 25,
    });
    const relatives = await this.reportNeed('nykopingCoach', {
      title: 'Anhöriga på annan ort vill se hur det går',
      description:
        'Anhöriga som bor långt bort ringer ofta till enheten för att höra hur brukaren mår; det tar tid från omsorgen.',
      category: 'VIDEO',
      targetGroup: 'RELATIVES',
      setting: 'SPECIAL_HOUSING',
      source: 'RELATIVE',
    });
    const falls = await this.reportNeed('vingakerCoach', {
      title: 'Fall nattetid upptäcks sent',
      description: 'Brukare som faller på natten ligger ibland länge innan nattpersonalen kommer.',
      category: 'PASSIVE_ALARM',
      targetGroup: 'CARE_RECIPIENTS_ORDINARY_HOUSING',
      setting: 'HOME_CARE',
      source: 'STAFF',
    });
    const duplicate = await this.reportNeed('eskilstunaCoach', {
      title: 'Tillsyn på natten stör sömnen',
      description: 'Våra nattbesök väcker brukarna; vi skulle vilja kunna titta till dem utan att gå in.',
      category: 'DIGITAL_SUPERVISION',
      targetGroup: 'CARE_RECIPIENTS_ORDINARY_HOUSING',
      setting: 'HOME_CARE',
      source: 'STAFF',
    });

    // Other organisations see a need once the node has triaged it; then they can endorse it.
    for (const id of [nightVisits.id, outdoors.id, medication.id, relatives.id])
      await this.changeNeedStatus('processLead', id, NeedStatus.TRIAGED, 'Behovet delas av flera kommuner.');
    const endorse = (key: string, needId: string, peopleAffected: number, comment: string) =>
      this.get(NeedEndorsementService).endorse(this.ctx(key), { needId, peopleAffected, comment });
    await endorse('katrineholmCoach', nightVisits.id, 30, 'Samma sak hos oss på landsbygden.');
    await endorse('nykopingCoordinator', nightVisits.id, 55, 'Vi har ett 50-tal brukare med nattillsyn.');
    await endorse('strangnasCoordinator', nightVisits.id, 20, 'Gäller även Strängnäs.');
    await endorse('flenCoach', outdoors.id, 15, 'Flera brukare frågar efter det.');
    await endorse('nykopingCoach', medication.id, 18, 'Vi ser samma mönster.');
    await this.get(NeedCommentService).comment(this.ctx('processLead'), {
      needId: nightVisits.id,
      body: 'Delas av fyra kommuner: vi föreslår ett gemensamt test av digital nattillsyn.',
    });

    await this.changeNeedStatus(
      'processLead',
      falls.id,
      NeedStatus.DECLINED,
      'Täcks av regionens pågående projekt om fallprevention; vi hänvisar dit.',
    );
    await this.get(NeedWorkflowService).merge(this.ctx('processLead'), {
      needId: duplicate.id,
      intoNeedId: nightVisits.id,
      reason: 'Samma behov som Flens; stödet räknas där.',
    });
    this.log('needs: 6 reported, 5 endorsements, triaged, one declined, one merged');
    return { nightVisits: nightVisits.id, outdoors: outdoors.id, medication: medication.id, relatives: relatives.id };
  }

  // ---- test and steering decision -------------------------------------------------------------------------

  private protocolPlan(overrides: Record<string, unknown>) {
    return {
      category: 'DIGITAL_SUPERVISION',
      settings: ['HOME_CARE'],
      purpose: 'Pröva om digital nattillsyn ger bättre nattsömn och färre onödiga besök.',
      expectedBenefit: 'Brukare störs mindre nattetid; nattpersonalen får tid till andra insatser.',
      baseline: 'Fysiska tillsynsbesök två till fyra gånger per natt.',
      broadRolloutIntended: true,
      consentApproach: 'PERSON_THEMSELF',
      consentDescription: 'Skriftligt samtycke från brukaren själv, med bildstöd vid behov.',
      informationSecurity: 'Ingen lagring av bild; krypterad överföring.',
      workEnvironment: 'Nattpersonalen tränas i att använda kameran.',
      involvement: 'Personal och brukare deltar i utvärderingen.',
      risks: 'Tekniskt avbrott: reservrutin med fysisk tillsyn.',
      successCriteria: [
        { name: 'Andel nätter utan väckande besök', targetValue: 80, unit: '%' },
        { name: 'Nöjda brukare', targetValue: 75, unit: '%' },
      ],
      documents: [{ title: 'Riskanalys', url: 'https://noden.example.se/dokument/riskanalys-nattillsyn.pdf' }],
      ...overrides,
    };
  }

  private async runTest(needId: string, productId: string): Promise<{ protocolId: string; decisionId: string }> {
    const protocols = this.get(TestProtocolService);
    const activity = this.get(TestActivityService);
    const steering = this.get(SteeringReviewService);
    this.clock.set(addMonths(officeHours(this.now), -39));
    const lead = this.ctx('eskilstunaCoordinator');
    const plannedStart = calendarDate(addDays(this.clock.now(), 14));
    const protocol = await protocols.create(
      lead,
      this.protocolPlan({
        title: 'Digital nattillsyn i hemtjänsten',
        productId,
        needIds: [needId],
        participatingOrganizationIds: [(await this.organization('0482')).id, (await this.organization('0483')).id],
        plannedStart,
        plannedEnd: calendarDate(addMonths(this.clock.now(), 3)),
      }) as Input<TestProtocolService, 'create'>,
    );
    this.clock.set(addDays(this.clock.now(), 14));
    await protocols.changeStatus(lead, { id: protocol.id, status: 'RUNNING' } as Input<
      TestProtocolService,
      'changeStatus'
    >);
    await activity.recordParticipants(lead, {
      protocolId: protocol.id,
      counts: [
        { group: 'CARE_RECIPIENTS', women: 14, men: 9, otherOrUnknown: 0 },
        { group: 'STAFF', women: 11, men: 4, otherOrUnknown: 1 },
      ],
    } as Input<TestActivityService, 'recordParticipants'>);
    const observe = (key: string, kind: string, description: string) =>
      activity.addObservation(this.ctx(key), { protocolId: protocol.id, kind, description } as Input<
        TestActivityService,
        'addObservation'
      >);
    this.clock.set(addDays(this.clock.now(), 20));
    await observe(
      'flenCoordinator',
      'OBSTACLE',
      'Wifi-täckningen räcker inte i två av hemmen; kameran tappar uppkopplingen.',
    );
    await observe(
      'eskilstunaCoordinator',
      'OPPORTUNITY',
      'Nattpersonalen hinner fler planerade insatser när tillsynen sker digitalt.',
    );
    await observe(
      'katrineholmCoordinator',
      'LESSON',
      'Samtalet om samtycke tar tid: boka det med anhörig närvarande, men låt brukaren själv bestämma.',
    );
    await activity.reportDeviation(lead, {
      protocolId: protocol.id,
      description: 'En kamera var avstängd en natt utan att larmet gick till nattpatrullen.',
      actionTaken: 'Leverantören lade till larm vid bortkoppling.',
    });

    this.clock.set(addMonths(officeHours(this.now), -36));
    for (const criterion of await protocols.criteriaOf(lead, protocol.id)) {
      const measured = criterion.name.startsWith('Andel') ? 86 : 79;
      await activity.recordResult(lead, {
        protocolId: protocol.id,
        criterionId: criterion.id,
        measuredValue: measured,
        met: measured >= Number(criterion.targetValue),
        comment: 'Mätt under testets sista fyra veckor.',
      });
    }
    await protocols.changeStatus(lead, { id: protocol.id, status: 'COMPLETED' } as Input<
      TestProtocolService,
      'changeStatus'
    >);
    const version = await steering.submit(lead, protocol.id);
    this.clock.set(addDays(this.clock.now(), 7));
    const votes: [string, string, string?][] = [
      ['regionSteering', 'RECOMMEND'],
      ['eskilstunaSteering', 'RECOMMEND'],
      ['flenSteering', 'RECOMMEND'],
      ['katrineholmSteering', 'RECOMMEND_WITH_CONDITIONS', 'Wifi i hemmet kontrolleras före installation.'],
      ['nykopingSteering', 'RECOMMEND'],
      ['strangnasSteering', 'RECOMMEND'],
    ];
    for (const [key, recommendation, conditions] of votes) {
      await steering.castVote(this.ctx(key), {
        versionId: version.id,
        recommendation,
        rationale: 'Testet visar bättre nattsömn och nöjda brukare.',
        conditions: conditions ?? null,
      } as Input<SteeringReviewService, 'castVote'>);
    }
    const decision = await steering.decisionOfVersion(lead, version.id);
    if (!decision) throw new Error('the steering review did not close into a decision');
    this.log('test: a protocol run in three municipalities, 3 observations, results, 6 votes, a published decision');
    return { protocolId: protocol.id, decisionId: decision.id };
  }

  // ---- joint procurement, call-offs, implementations ------------------------------------------------------

  private async procure(needId: string, decisionId: string, catalog: { camera: string; cameraSupplier: string }) {
    const procurements = this.get(ProcurementService);
    const staff = this.ctx('processLead');
    this.clock.set(addMonths(officeHours(this.now), -35));
    const opensOn = calendarDate(addDays(this.clock.now(), 7));
    const closesOn = calendarDate(addDays(this.clock.now(), 37));
    const procurement = await procurements.create(staff, {
      title: 'Gemensam upphandling av digital nattillsyn',
      description: 'Kameror för digital nattillsyn i hemtjänst, med installation, support och utbildning.',
      category: 'DIGITAL_SUPERVISION',
      needIds: [needId],
      testDecisionIds: [decisionId],
      procedure: 'OPEN',
      kind: 'FUNCTION',
      estimatedValueSek: 3_200_000,
      participationOpensOn: opensOn,
      participationClosesOn: closesOn,
      lots: [{ name: 'Digital nattillsyn i ordinärt boende', description: 'Kamera, mottagning och support.' }],
    } as Input<ProcurementService, 'create'>);
    await procurements.publishRequirementSpecification(staff, {
      procurementId: procurement.id,
      summary: 'Funktionskrav: ingen bildlagring, larm vid bortkoppling, integration med omsorgsjournal.',
      documentUrls: ['https://noden.example.se/upphandling/nattillsyn/kravspecifikation.pdf'],
    });
    await procurements.changeStatus(staff, { id: procurement.id, status: 'OPEN_FOR_PARTICIPATION' } as Input<
      ProcurementService,
      'changeStatus'
    >);
    const [lot] = await procurements.lotsOf(staff, procurement.id);

    this.clock.set(addDays(this.clock.now(), 10));
    const members = [
      ['eskilstunaCoordinator', 60],
      ['flenCoordinator', 25],
      ['katrineholmCoordinator', 30],
      ['nykopingCoordinator', 50],
    ] as const;
    for (const [key, volume] of members) {
      const user = this.user(key);
      await this.get(ParticipationService).join(user.ctx, {
        procurementId: procurement.id,
        contactName: user.name,
        contactEmail: user.email,
        volumes: [{ lotId: lot.id, estimatedVolume: volume }],
      });
    }
    this.clock.set(addDays(this.clock.now(), 30));
    await procurements.changeStatus(staff, { id: procurement.id, status: 'TENDERING' } as Input<
      ProcurementService,
      'changeStatus'
    >);
    this.clock.set(addDays(this.clock.now(), 30));
    const startsOn = calendarDate(addDays(this.clock.now(), 10));
    const agreement = await this.get(FrameworkAgreementService).award(staff, {
      procurementId: procurement.id,
      startsOn,
      endsOn: calendarDate(addDays(addMonths(new Date(`${startsOn}T12:00:00Z`), 48), -1)),
      callOffMethod: 'DIRECT_BY_RANKING',
      extensionOptions: [{ months: 24 }],
      followUpOrganizationId: (await this.organization('Noden')).id,
      followUpContactName: this.user('processLead').name,
      followUpContactEmail: this.user('processLead').email,
      lots: [
        {
          lotId: lot.id,
          suppliers: [{ supplierId: catalog.cameraSupplier, ranking: 1, productIds: [catalog.camera] }],
        },
      ],
    } as Input<FrameworkAgreementService, 'award'>);
    this.clock.set(addDays(officeHours(new Date(`${startsOn}T12:00:00Z`)), 1));
    await this.get(ProcurementScanService).run();

    const goLive = (monthsAgo: number, days = 0) =>
      calendarDate(addDays(addMonths(officeHours(this.now), -monthsAgo), -days));
    const implementations: Record<string, string> = {};
    const plan = [
      ['eskilstunaCoordinator', 'eskilstunaCoach', 60, goLive(26), []],
      ['flenCoordinator', 'flenCoach', 25, goLive(13, 15), [needId]],
      ['katrineholmCoordinator', 'katrineholmCoach', 30, goLive(12, 10), []],
      ['nykopingCoordinator', 'nykopingCoach', 50, goLive(3), []],
    ] as const;
    for (const [key, contact, quantity, goLiveOn, needIds] of plan) {
      const { callOff } = await this.get(CallOffService).create(this.ctx(key), {
        agreementId: agreement.id,
        lotId: lot.id,
        productId: catalog.camera,
        quantity,
        valueSek: quantity * 4_800,
      });
      const implementation = await this.get(ImplementationService).record(this.ctx(key), {
        productId: catalog.camera,
        callOffId: callOff.id,
        needIds: [...needIds],
        setting: 'HOME_CARE',
        status: 'PILOT',
        goLiveOn,
        responsibleUserId: this.user(contact).id,
        people: peopleFor(quantity),
        checklist: {
          routines: { done: true, comment: 'Rutin för larmhantering nattetid antagen.' },
          consentByPerson: { done: true },
          staffTraining: { done: true },
        },
      } as Input<ImplementationService, 'record'>);
      implementations[key] = implementation.id;
    }
    this.log(
      'procurement: 4 municipalities joined, a framework agreement awarded and in force, 4 call-offs, 4 implementations',
    );
    return { implementations };
  }

  // ---- time passes: follow-ups, a second test, a second procurement, new needs ------------------------------

  private async passTime(
    thread: { implementations: Record<string, string> },
    needs: { outdoors: string; relatives: string },
  ): Promise<void> {
    const followUps = async (key: string) =>
      this.get(FollowUpService).ofImplementation(this.ctx(key), thread.implementations[key]);
    const wave = async (key: string, months: number): Promise<FollowUp> =>
      (await followUps(key)).find((f) => f.wave === months)!;
    const step = async (step: FollowUpStep, key: string, months: number) => {
      const followUp = await wave(key, months);
      await this.get(FollowUpWorkflowService).runStep(step, {
        followUpId: followUp.id,
        dueOn: followUp.dueOn,
        scheduleVersion: followUp.scheduleVersion,
      });
    };
    const answer = async (key: string, contact: string, months: number, continuedUse: boolean) => {
      const followUp = await wave(key, months);
      await this.get(FollowUpService).answer(this.ctx(contact), {
        followUpId: followUp.id,
        values: {
          activeUsersWomen: 22,
          activeUsersMen: 14,
          activeUsersOther: 0,
          meetsNeeds: 4,
          perceivedSafety: 4,
          deviations: 1,
          technicalFaults: 2,
          continuedUse,
        },
      });
    };
    const dueOf = async (key: string, months: number) => new Date(`${(await wave(key, months)).dueOn}T09:00:00.000Z`);

    const events: { at: Date; run: () => Promise<unknown> }[] = [
      { at: await dueOf('eskilstunaCoordinator', 12), run: () => step(FollowUpStep.Open, 'eskilstunaCoordinator', 12) },
      {
        at: addDays(await dueOf('eskilstunaCoordinator', 12), 3),
        run: () => answer('eskilstunaCoordinator', 'eskilstunaCoach', 12, true),
      },
      { at: await dueOf('eskilstunaCoordinator', 24), run: () => step(FollowUpStep.Open, 'eskilstunaCoordinator', 24) },
      {
        at: addDays(await dueOf('eskilstunaCoordinator', 24), 14),
        run: () => step(FollowUpStep.Remind, 'eskilstunaCoordinator', 24),
      },
      {
        at: addDays(await dueOf('eskilstunaCoordinator', 24), 30),
        run: () => step(FollowUpStep.Escalate, 'eskilstunaCoordinator', 24),
      },
      { at: await dueOf('flenCoordinator', 12), run: () => step(FollowUpStep.Open, 'flenCoordinator', 12) },
      {
        at: addDays(await dueOf('flenCoordinator', 12), 5),
        run: () => answer('flenCoordinator', 'flenCoach', 12, true),
      },
      {
        at: await dueOf('katrineholmCoordinator', 12),
        run: () => step(FollowUpStep.Open, 'katrineholmCoordinator', 12),
      },
      { at: addMonths(officeHours(this.now), -2), run: () => this.secondTest(needs.relatives) },
      { at: addMonths(officeHours(this.now), -1), run: () => this.secondProcurement(needs.outdoors) },
      { at: addDays(officeHours(this.now), -6), run: () => this.newNeeds() },
    ];
    for (const event of events.filter((e) => e.at < this.now).sort((a, b) => a.at.getTime() - b.at.getTime())) {
      this.clock.set(event.at);
      await event.run();
    }
    this.log('follow-ups: answered, opened, reminded and escalated as the months passed');
  }

  /** Nyköping tests video calls with relatives: its need is IN_TEST. */
  private async secondTest(needId: string): Promise<void> {
    const lead = this.ctx('nykopingCoordinator');
    const protocols = this.get(TestProtocolService);
    const protocol = await protocols.create(
      lead,
      this.protocolPlan({
        title: 'Videosamtal med anhöriga i särskilt boende',
        category: 'VIDEO',
        settings: ['SPECIAL_HOUSING'],
        purpose: 'Pröva om bokade videosamtal minskar oron hos anhöriga och antalet telefonsamtal till enheten.',
        baseline: 'Ett tjugotal samtal från anhöriga per vecka.',
        broadRolloutIntended: false,
        needIds: [needId],
        plannedStart: this.clock.today(),
        plannedEnd: calendarDate(addMonths(this.clock.now(), 4)),
        successCriteria: [{ name: 'Färre samtal från anhöriga', targetValue: 50, unit: '%' }],
        documents: [],
      }) as Input<TestProtocolService, 'create'>,
    );
    await protocols.changeStatus(lead, { id: protocol.id, status: 'RUNNING' } as Input<
      TestProtocolService,
      'changeStatus'
    >);
  }

  /** Mobile alarms for outdoor use: open for participation now; its need is IN_PROCUREMENT. */
  private async secondProcurement(needId: string): Promise<void> {
    const staff = this.ctx('processLead');
    const procurements = this.get(ProcurementService);
    const procurement = await procurements.create(staff, {
      title: 'Gemensam upphandling av mobila trygghetslarm',
      description: 'Mobila trygghetslarm med GPS för brukare som vill röra sig utomhus.',
      category: 'MOBILE_SAFETY_ALARM',
      needIds: [needId],
      procedure: 'OPEN',
      kind: 'FUNCTION',
      estimatedValueSek: 2_400_000,
      participationOpensOn: calendarDate(addDays(this.now, -5)),
      participationClosesOn: calendarDate(addDays(this.now, 25)),
      lots: [{ name: 'Mobila trygghetslarm med GPS' }, { name: 'Mobila larm inomhus i särskilt boende' }],
    } as Input<ProcurementService, 'create'>);
    await procurements.changeStatus(staff, { id: procurement.id, status: 'OPEN_FOR_PARTICIPATION' } as Input<
      ProcurementService,
      'changeStatus'
    >);
  }

  /** Two needs reported in the last week: NEW, waiting for triage. */
  private async newNeeds(): Promise<void> {
    await this.reportNeed('flenCoach', {
      title: 'Dörrar som brukare inte kan låsa upp för hemtjänsten',
      description:
        'Nyckelhanteringen tar tid och nycklar kommer bort; brukare med demens hittar inte nyckeln när personalen ringer på.',
      category: 'DIGITAL_LOCK',
      targetGroup: 'STAFF',
      setting: 'HOME_CARE',
      source: 'STAFF',
    });
    this.clock.set(addDays(this.clock.now(), 3));
    await this.reportNeed('katrineholmCoach', {
      title: 'Ensamhet bland brukare i ordinärt boende',
      description: 'Många brukare träffar bara personalen; de saknar någon att prata med under dagen.',
      category: 'ACTIVATION',
      targetGroup: 'CARE_RECIPIENTS_ORDINARY_HOUSING',
      setting: 'HOME_CARE',
      source: 'PENSIONERS_COUNCIL',
      urgency: 'LOW',
    });
  }

  /**
   * The knowledge portal: what members wrote after the test and the roll-out, graded and published by node
   * staff ("not all knowledge is good knowledge", S4:239), and one draft still with its organisation. The
   * published decision is in the portal by itself.
   */
  private async writeKnowledge(
    needs: { nightVisits: string; outdoors: string },
    decisionId: string,
    catalog: { camera: string; gpsAlarm: string },
  ): Promise<void> {
    const articles = this.get(KnowledgeArticleService);
    type Draft = Input<KnowledgeArticleService, 'create'>;
    const write = async (author: string, draft: Omit<Draft, 'qualityGrade'>, grade?: QualityGrade) => {
      const article = await articles.create(this.ctx(author), draft);
      if (!grade) return article;
      await articles.update(this.ctx('specialist'), { id: article.id, qualityGrade: grade });
      return articles.publish(this.ctx('processLead'), article.id);
    };
    await write(
      'eskilstunaCoordinator',
      {
        kind: ArticleKind.GOOD_EXAMPLE,
        title: 'Digital nattillsyn i Eskilstunas hemtjänst: så gick införandet',
        summary: 'Färre störda nätter för brukarna och bättre planering för nattpatrullen efter ett halvår med kamera.',
        body: 'Vi började med en inventering av uppkoppling i hemmen och ett samtal med varje brukare om samtycke. Nattpatrullen fick två utbildningstillfällen. Efter sex månader hade 34 brukare tillsyn via kamera; tre valde att återgå till fysiska besök. Larmen om avbrott i uppkopplingen behövde en egen rutin.',
        sourceType: KnowledgeSourceType.SINGLE_SITE_EXPERIENCE,
        categories: ['DIGITAL_SUPERVISION'],
        productIds: [catalog.camera],
        needIds: [needs.nightVisits],
        testDecisionIds: [decisionId],
      },
      QualityGrade.ASSESSED,
    );
    await write(
      'processLead',
      {
        kind: ArticleKind.CHECKLIST,
        title: 'Checklista: samtycke till välfärdsteknik',
        summary: 'Samtycket ges av personen själv, aldrig av anhöriga eller god man; så dokumenteras det.',
        body: 'Samtycke till exempelvis kameratillsyn eller GPS-larm ska ges av den enskilde. Anhöriga, god man eller förvaltare kan inte samtycka i personens ställe. Dokumentera samtycket i genomförandeplanen, följ upp det vid varje ändring och när personens förmåga förändras. Finns inget giltigt samtycke används inte tekniken.',
        sourceType: KnowledgeSourceType.NATIONAL_GUIDANCE,
        categories: ['DIGITAL_SUPERVISION', 'GPS_ALARM'],
      },
      QualityGrade.STRONG,
    );
    await write(
      'flenCoordinator',
      {
        kind: ArticleKind.LESSON,
        title: 'Byte till digitala trygghetslarm i Flen',
        summary: 'Vad vi lärde oss när alla analoga trygghetslarm byttes ut.',
        body: 'Inventera hemmens uppkoppling först. Batteritid och räckvidd skilde sig mellan modellerna, och larmcentralens rutiner för testlarm behövde ses över innan bytet.',
        sourceType: KnowledgeSourceType.SINGLE_SITE_EXPERIENCE,
        categories: ['SAFETY_ALARM'],
      },
      QualityGrade.LIMITED,
    );
    await write('katrineholmCoach', {
      kind: ArticleKind.LESSON,
      title: 'GPS-larm på promenader: första intryck',
      summary: 'Utkast från Katrineholms hemtjänst, inte granskat än.',
      body: 'Brukarna uppskattar friheten att gå ut själva. Laddningen glöms ibland; en påminnelse i kvällsbesöket hjälper.',
      sourceType: KnowledgeSourceType.SINGLE_SITE_EXPERIENCE,
      categories: ['GPS_ALARM'],
      productIds: [catalog.gpsAlarm],
      needIds: [needs.outdoors],
    });
    this.log(
      'knowledge: 3 articles graded and published (a good example, a checklist, a lesson), 1 draft; the decision is in the portal by itself',
    );
  }

  private async summary(): Promise<DemoReport> {
    const db = this.get(Db);
    const count = async (table: 'needs' | 'follow_ups') =>
      Object.fromEntries((await countsByStatus(db.manager, table)).map((r) => [r.status, r.n]));
    return {
      logins: [...this.users.values()].map(({ email, name, organization, roles }) => ({
        email,
        name,
        organization,
        roles,
      })),
      password: DEMO_PASSWORD,
      needs: await count('needs'),
      followUps: await count('follow_ups'),
    };
  }
}
