// Scenarios for bench/run.mjs: `prepare` generates data with SQL, `query` is what a client sends.

async function user(ctx, key, orgCode, roles) {
  const [{ id: orgId }] = (await ctx.db.query(`SELECT id FROM organizations WHERE code = $1 OR (kind = 'NODE' AND $1 = 'NODE')`, [orgCode])).rows;
  const email = `${key}@bench.noden.se`;
  const { rows } = await ctx.db.query(`INSERT INTO users (organization_id, email, display_name, password_hash) VALUES ($1, $2, $2, $3) RETURNING id`, [orgId, email, ctx.hash]);
  for (const role of roles) await ctx.db.query(`INSERT INTO user_roles (user_id, role) VALUES ($1, $2)`, [rows[0].id, role]);
  ctx.users[key] = email;
  return { id: rows[0].id, orgId };
}

export const SCENARIOS = [
  {
    name: 'me',
    async prepare(ctx) {
      await user(ctx, 'staff', 'NODE', ['NODE_STAFF']);
      await user(ctx, 'coach', '0482', ['TECH_COACH']);
    },
    query: '{ me { id email roles organization { name code } } }',
  },
  {
    name: 'products page of 50',
    async prepare(ctx) {
      await ctx.db.query(`INSERT INTO suppliers (name, created_at) SELECT 'Supplier ' || g, now() FROM generate_series(1, 200) g`);
      await ctx.db.query(
        `INSERT INTO products (category_id, supplier_id, name, model, current_version, created_at, updated_at)
         SELECT c.id, s.id, 'Product ' || g, 'M' || g, '1.' || (g % 10), now(), now()
         FROM generate_series(1, 5000) g
         JOIN LATERAL (SELECT id FROM technology_categories ORDER BY sort_order OFFSET (g % 14) LIMIT 1) c ON true
         JOIN LATERAL (SELECT id FROM suppliers ORDER BY name OFFSET (g % 200) LIMIT 1) s ON true`,
      );
      await ctx.db.query(`INSERT INTO product_versions (product_id, version) SELECT id, current_version FROM products`);
    },
    describe: () => '5 000 products, 200 suppliers',
    query: '{ products(first: 50) { nodes { name currentVersion category { key } supplier { name } versions { version } } pageInfo { endCursor } } }',
  },
  {
    name: 'needs page of 50, most shared',
    async prepare(ctx) {
      const reporter = await user(ctx, 'reporter', '0482', ['TECH_COACH']);
      await ctx.db.query(
        `INSERT INTO needs (organization_id, reporter_user_id, title, description, target_group, setting, source, category_id, urgency, status,
                            status_changed_at, endorsement_count, people_affected, created_at, updated_at)
         SELECT o.id, $1, 'Behov ' || g || ': ' || (ARRAY['nattillsyn väcker brukare', 'larm når inte fram', 'läkemedel glöms', 'dörren låses inte', 'ensamhet på kvällen'])[1 + g % 5],
                'Beskrivning av problemet nummer ' || g || ' i hemtjänsten och på särskilt boende.',
                'STAFF', 'HOME_CARE', 'STAFF', c.id, 'MEDIUM', (ARRAY['TRIAGED', 'IN_TEST', 'IN_PROCUREMENT', 'NEW'])[1 + g % 4],
                now(), g % 9, g % 300, now() - (g || ' minutes')::interval, now()
         FROM generate_series(1, 20000) g
         JOIN LATERAL (SELECT id FROM organizations WHERE kind = 'MUNICIPALITY' ORDER BY code OFFSET (g % 9) LIMIT 1) o ON true
         JOIN LATERAL (SELECT id FROM technology_categories ORDER BY sort_order OFFSET (g % 14) LIMIT 1) c ON true`,
        [reporter.id],
      );
    },
    as: 'coach',
    describe: () => '20 000 needs in 9 municipalities',
    query: '{ needs(sort: MOST_SHARED, first: 50) { nodes { title status endorsementCount peopleAffected organization { name } reporter { displayName } category { key } } pageInfo { endCursor } } }',
  },
  {
    name: 'similarNeeds',
    as: 'coach',
    describe: () => 'same 20 000 needs',
    query: '{ similarNeeds(title: "Nattillsyn väcker brukarna", description: "tillsyn på natten stör sömnen") { score need { id title } } }',
  },
];
