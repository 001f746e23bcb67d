import { basename, dirname } from 'node:path';
import type { LanguageId } from '../../languages/language.js';
import type { Rule } from '../../rules/rule.js';

/** A deterministic pseudo-random source (mulberry32): the same seed gives the same demo, record for record. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A uniform number in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** One item, chosen with probability proportional to `weight`. */
  weighted<T>(items: readonly T[], weight: (item: T) => number): T {
    const total = items.reduce((sum, item) => sum + weight(item), 0);
    let at = this.next() * total;
    for (const item of items) {
      at -= weight(item);
      if (at < 0) return item;
    }
    return items[items.length - 1]!;
  }

  /** `count` distinct items (or all of them), in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    for (let i = pool.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    }
    return pool.slice(0, Math.min(count, pool.length));
  }

  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** A log-normal value with the given median and σ of its logarithm. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** A Poisson count with mean `lambda` (Knuth: the rates here are small). */
  poisson(lambda: number): number {
    const limit = Math.exp(-lambda);
    let count = 0;
    let product = this.next();
    while (product > limit) {
      count++;
      product *= this.next();
    }
    return count;
  }

  /** A new source derived from this one and `label`, so adding draws in one place does not shift another. */
  fork(label: string): Random {
    let hash = this.state ^ 0x9e3779b9;
    for (let i = 0; i < label.length; i++) hash = Math.imul(hash ^ label.charCodeAt(i), 0x01000193) >>> 0;
    return new Random(hash);
  }
}

/** A coding agent and its model, with how often it is used and how many findings it introduces per iteration. */
export interface AgentModel {
  tool: string;
  model: string;
  /** How often repositories use it. */
  weight: number;
  /** Findings per AI iteration at chain position 1, over every class (before the class weights). */
  base: number;
  /** How much an iteration adds to cyclomatic complexity, on average. */
  complexityGrowth: number;
}

export const AGENT_MODELS: readonly AgentModel[] = [
  { tool: 'claude-code', model: 'claude-sonnet-4-5', weight: 30, base: 0.3, complexityGrowth: 1.2 },
  { tool: 'codex', model: 'gpt-5-codex', weight: 22, base: 0.36, complexityGrowth: 1.5 },
  { tool: 'cursor', model: 'cursor-composer-1', weight: 16, base: 0.42, complexityGrowth: 1.9 },
  { tool: 'gemini-cli', model: 'gemini-2.5-pro', weight: 14, base: 0.4, complexityGrowth: 1.7 },
  { tool: 'copilot', model: 'gpt-4.1', weight: 12, base: 0.5, complexityGrowth: 2.2 },
  { tool: 'claude-code', model: 'claude-opus-4-1', weight: 6, base: 0.24, complexityGrowth: 1.0 },
];

export const STRATEGIES = ['feature', 'efficiency', 'security', 'ambiguous'] as const;

/** The demo's teams: the first part of their repositories' names, their reviewers' account names, their services. */
export const TEAMS = [
  { name: 'payments', reviewers: ['rita', 'omar'], services: ['ledger-api', 'checkout', 'billing-worker', 'refunds', 'invoices', 'fraud-score', 'payouts', 'card-vault', 'settlement', 'tax-engine', 'wallet', 'subscriptions', 'dunning', 'fx-rates', 'chargebacks', 'reconciler', 'pricing', 'receipts', 'ledger-export', 'merchant-portal', 'psp-gateway', 'risk-rules', 'bank-feeds', 'statements', 'payment-links', 'kyc'] },
  { name: 'web', reviewers: ['sam', 'lena'], services: ['storefront', 'admin-console', 'search-ui', 'account-pages', 'cms', 'image-proxy', 'web-gateway', 'seo-renderer', 'help-center', 'signup', 'notifications-ui', 'cart', 'product-pages', 'checkout-ui', 'design-system', 'mobile-bff', 'feature-flags-ui', 'reviews-widget', 'landing', 'blog', 'status-page', 'docs-site', 'wishlist', 'chat-widget', 'partner-portal', 'i18n'] },
  { name: 'platform', reviewers: ['kai', 'noor'], services: ['auth-service', 'api-gateway', 'config-service', 'job-runner', 'audit-log', 'secrets-broker', 'rate-limiter', 'service-mesh-ctl', 'deploy-bot', 'user-directory', 'session-store', 'email-sender', 'webhooks', 'scheduler', 'file-store', 'metrics-agent', 'feature-flags', 'tenant-admin', 'sso-bridge', 'backup-agent', 'dns-manager', 'cert-rotator', 'queue-relay', 'health-checker', 'log-shipper', 'ldap-sync'] },
  { name: 'data', reviewers: ['ivy', 'theo'], services: ['etl-pipeline', 'warehouse-loader', 'reporting-api', 'ml-features', 'event-collector', 'dashboards', 'query-service', 'export-jobs', 'cdc-reader', 'data-catalog', 'anomaly-detector', 'recommendations', 'search-indexer', 'geo-service', 'churn-model', 'ab-testing', 'xml-importer', 'csv-ingest', 'forecasting', 'segmenter', 'lineage', 'quality-checks', 'privacy-scrubber', 'notebooks-api', 'kpi-service', 'sampler'] },
] as const;

export const AUTHORS = [
  'ada.park', 'ben.okafor', 'chloe.martin', 'dmitri.volkov', 'elena.garcia', 'farid.haddad', 'grace.liu', 'hugo.silva', 'ines.moreau', 'jonas.berg',
  'kemi.adeyemi', 'lucas.rossi', 'maya.cohen', 'nils.andersen', 'olivia.brown', 'pedro.alves', 'quinn.murphy', 'ravi.shah', 'sofia.nowak', 'tariq.aziz',
  'uma.iyer', 'victor.dubois', 'wen.zhang', 'ximena.ruiz', 'yusuf.demir', 'zoe.fischer', 'anya.petrova', 'bruno.costa', 'carmen.diaz', 'dev.patel',
];

/** Languages the demo's repositories are written in, with how a file of theirs is named. */
const LANGUAGE_FILES: Partial<Record<LanguageId, { weight: number; extension: string; folders: string[] }>> = {
  javascript: { weight: 30, extension: 'js', folders: ['src/routes', 'src/services', 'src/lib', 'src/middleware'] },
  python: { weight: 22, extension: 'py', folders: ['app/api', 'app/services', 'app/models', 'app/tasks'] },
  java: { weight: 18, extension: 'java', folders: ['src/main/java/com/acme/web', 'src/main/java/com/acme/service', 'src/main/java/com/acme/repo'] },
  go: { weight: 14, extension: 'go', folders: ['internal/handlers', 'internal/store', 'cmd/server', 'pkg/client'] },
  csharp: { weight: 8, extension: 'cs', folders: ['Controllers', 'Services', 'Data'] },
  php: { weight: 4, extension: 'php', folders: ['app/Http/Controllers', 'app/Services', 'src'] },
  ruby: { weight: 4, extension: 'rb', folders: ['app/controllers', 'app/services', 'lib'] },
};

const FILE_STEMS = ['handler', 'orders', 'users', 'auth', 'payments', 'search', 'upload', 'export', 'report', 'session', 'config', 'client', 'worker', 'parser', 'cache', 'admin', 'webhook', 'profile', 'billing', 'util'];
const FUNCTION_STEMS = ['handle', 'load', 'save', 'parse', 'render', 'validate', 'fetch', 'update', 'build', 'sync', 'resolve', 'export', 'import', 'notify', 'check'];
const FUNCTION_OBJECTS = ['Order', 'User', 'Session', 'Invoice', 'Report', 'Token', 'Upload', 'Query', 'Config', 'Payment', 'Profile', 'Event'];

/** What a finding of each rule class looks like in code (the snippet shown), by class folder name. */
const SNIPPETS: Record<string, string[]> = {
  cmdi: ['exec("convert " + upload.name + " out.png")', 'subprocess.call("tar xzf " + archive, shell=True)', 'Runtime.getRuntime().exec("ping " + host)'],
  codeinj: ['eval(request.body.expression)', 'new Function("return " + rule)()', 'exec(compile(source, "<rule>", "exec"))'],
  cookies: ['res.cookie("session", token, { httpOnly: false })', 'response.set_cookie("sid", sid, secure=False)', 'cookie.setSecure(false);'],
  crypto: ['Cipher.getInstance("DES/ECB/PKCS5Padding")', 'crypto.createCipheriv("aes-128-ecb", key, null)', 'AES.new(key, AES.MODE_ECB)'],
  deserialization: ['pickle.loads(request.data)', 'new ObjectInputStream(request.getInputStream()).readObject()', 'yaml.load(body, Loader=yaml.Loader)'],
  format: ['printf(user_input);', 'syslog(LOG_INFO, msg);'],
  hash: ['hashlib.md5(password.encode()).hexdigest()', 'crypto.createHash("sha1").update(password)', 'MessageDigest.getInstance("MD5")'],
  intoverflow: ['size_t total = count * sizeof(struct item);', 'int len = header_len + body_len;'],
  ldapi: ['ctx.search("ou=people", "(uid=" + username + ")", controls)', 'conn.search_s(base, SCOPE, "(cn=%s)" % name)'],
  memory: ['free(node); node->next = NULL;', 'char *p = malloc(n); return p[n];'],
  nosqli: ['users.find({ $where: "this.name == \'" + req.query.name + "\'" })', 'db.orders.find(JSON.parse(req.query.filter))'],
  oob: ['buf[idx] = value;', 'table[request->slot] = entry;'],
  overflow: ['strcpy(dest, argv[1]);', 'sprintf(line, "%s:%s", user, host);'],
  pathtraver: ['open(os.path.join(UPLOAD_DIR, request.args["file"]))', 'fs.readFileSync(path.join(root, req.params.name))', 'new File(baseDir, request.getParameter("doc"))'],
  protopollution: ['target[key] = source[key];', 'merge(settings, JSON.parse(body))'],
  redirect: ['res.redirect(req.query.next)', 'return redirect(request.args.get("return_to"))', 'response.sendRedirect(request.getParameter("url"));'],
  reflection: ['Class.forName(request.getParameter("type")).newInstance()'],
  secrets: ['const API_KEY = "sk_live_EXAMPLE0000000000000000"', 'AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/EXAMPLEKEY"', 'password = "changeme-prod-2024"'],
  sqli: ['db.query("SELECT * FROM orders WHERE id = " + req.params.id)', 'cursor.execute(f"SELECT * FROM users WHERE email = \'{email}\'")', 'stmt.executeQuery("SELECT * FROM invoices WHERE owner = \'" + owner + "\'")'],
  ssrf: ['requests.get(request.args["url"])', 'http.Get(r.URL.Query().Get("target"))', 'await fetch(req.body.webhookUrl)'],
  tempfile: ['tmp = tempfile.mktemp()', 'File.createTempFile("export", ".csv")'],
  tls: ['requests.get(url, verify=False)', 'InsecureSkipVerify: true,', 'process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0"'],
  trustbound: ['session.setAttribute("user", request.getParameter("user"));', 'req.session.role = req.body.role'],
  weakrand: ['token = str(random.random())', 'const resetCode = Math.random().toString(36).slice(2)', 'new Random().nextInt()'],
  xpathi: ['xpath.evaluate("//user[@name=\'" + name + "\']", doc)', 'tree.xpath("//order[@id=\'%s\']" % order_id)'],
  xss: ['element.innerHTML = params.get("q")', 'return HttpResponse("<h1>Hello " + name + "</h1>")', 'res.send(`<p>${req.query.msg}</p>`)'],
  xxe: ['DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(input)', 'etree.XMLParser(resolve_entities=True)', 'libxmljs.parseXml(body, { noent: true })'],
};

/** A rule the demo's findings come from, with its class (the rule file's folder: rules/<language>/<class>/). */
export interface CatalogueRule {
  rule: Rule;
  cweClass: string;
}

/** A language's rules by class, and how its files are named. */
export interface LanguageCatalogue {
  language: LanguageId;
  weight: number;
  extension: string;
  folders: string[];
  classes: Map<string, CatalogueRule[]>;
}

/** The class of a rule: the folder its file is in (rules/<language>/<class>/<id>.yml). */
export function ruleClass(rule: Pick<Rule, 'sourcePath'>): string {
  return basename(dirname(rule.sourcePath));
}

/** Groups the installed rules by the demo's languages and by class; classes without a snippet are left out. */
export function languageCatalogues(rules: readonly Rule[]): LanguageCatalogue[] {
  const catalogues: LanguageCatalogue[] = [];
  for (const [language, files] of Object.entries(LANGUAGE_FILES) as [LanguageId, NonNullable<(typeof LANGUAGE_FILES)[LanguageId]>][]) {
    const classes = new Map<string, CatalogueRule[]>();
    for (const rule of rules) {
      const cweClass = ruleClass(rule);
      if (!rule.languages.includes(language) || !SNIPPETS[cweClass]) continue;
      const list = classes.get(cweClass) ?? [];
      list.push({ rule, cweClass });
      classes.set(cweClass, list);
    }
    if (classes.size > 0) catalogues.push({ language, ...files, classes: new Map([...classes].sort(([a], [b]) => a.localeCompare(b))) });
  }
  return catalogues;
}

/** A snippet that looks like a finding of `cweClass`. */
export function snippetFor(cweClass: string, random: Random): string {
  return random.pick(SNIPPETS[cweClass] ?? ['/* … */']);
}

export function fileName(random: Random, catalogue: LanguageCatalogue, taken: Set<string>): string {
  for (let attempt = 0; ; attempt++) {
    const stem = random.pick(FILE_STEMS);
    const name = `${random.pick(catalogue.folders)}/${catalogue.extension === 'java' || catalogue.extension === 'cs' ? stem[0]!.toUpperCase() + stem.slice(1) : stem}${attempt > 20 ? attempt : ''}.${catalogue.extension}`;
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

export function functionName(random: Random): string {
  return `${random.pick(FUNCTION_STEMS)}${random.pick(FUNCTION_OBJECTS)}`;
}
