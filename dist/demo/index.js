import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
var __webpack_exports__ = {};

;// CONCATENATED MODULE: external "node:fs/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");
;// CONCATENATED MODULE: external "node:net"
const external_node_net_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");
;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
;// CONCATENATED MODULE: ./src/engine/settings/names.ts
/**
 * The settings a run takes, by the names a workflow writes them, and their bounds: one table for
 * the engine's validators, the action's inputs and the CLI's flags (the same names with `--`).
 */
var SettingName;
(function (SettingName) {
    SettingName["ApiKey"] = "api-key";
    SettingName["Mode"] = "mode";
    SettingName["RequireTls"] = "require-tls";
    SettingName["RequireValidCert"] = "require-valid-cert";
    SettingName["MinVersion"] = "min-version";
    SettingName["Subuser"] = "subuser";
    SettingName["AccountId"] = "account-id";
    SettingName["IncludeParent"] = "include-parent";
    SettingName["Region"] = "region";
    SettingName["ApiUrl"] = "api-url";
    SettingName["Concurrency"] = "concurrency";
    SettingName["AllowStricter"] = "allow-stricter";
    SettingName["RequestTimeout"] = "request-timeout";
    SettingName["MaxChanges"] = "max-changes";
    SettingName["PolicyFile"] = "policy-file";
    SettingName["Forecast"] = "forecast";
    SettingName["ForecastDays"] = "forecast-days";
    SettingName["ForecastDomains"] = "forecast-domains";
    SettingName["MaxBlockedDomains"] = "max-blocked-domains";
})(SettingName || (SettingName = {}));
/**
 * Each field of the setting as a user writes it: the action's input, the CLI's flag without its
 * `--`, and the policy file's key are one name.
 */
const FIELD_SETTINGS = {
    require_tls: SettingName.RequireTls,
    require_valid_cert: SettingName.RequireValidCert,
    version: SettingName.MinVersion
};
const REGION_URLS = {
    global: 'https://api.sendgrid.com',
    eu: 'https://api.eu.sendgrid.com'
};
const MAX_CONCURRENCY = 32;
/** SendGrid's keys are 69 characters; room for another format, not for a file pasted in. */
const MAX_KEY_LENGTH = 256;
const DEFAULT_CONCURRENCY = 8;
const DEFAULT_REQUEST_TIMEOUT_S = 30;
/** Below a second, a healthy answer from across the world times out; above five minutes, a dead one holds a runner for half an hour. */
const MIN_REQUEST_TIMEOUT_S = 1;
const MAX_REQUEST_TIMEOUT_S = 300;

;// CONCATENATED MODULE: ./src/action/constants.ts

/**
 * The action's contract with its workflow: the names in action.yml, kept in one place. The
 * engine's settings, under the same names, and what only a step has: the pull-request comment
 * and the rolling drift issue.
 */
const Input = {
    ...SettingName,
    PrComment: 'pr-comment',
    DriftIssue: 'drift-issue',
    GithubToken: 'github-token',
    ExportFile: 'export-file'
};
var Output;
(function (Output) {
    Output["Compliant"] = "compliant";
    Output["Changed"] = "changed";
    Output["Prior"] = "prior";
    Output["Result"] = "result";
    Output["RequireTls"] = "require-tls";
    Output["RequireValidCert"] = "require-valid-cert";
    Output["MinVersion"] = "min-version";
    Output["Report"] = "report";
    Output["Forecast"] = "forecast";
    Output["ReportFile"] = "report-file";
    Output["ExportFile"] = "export-file";
})(Output || (Output = {}));

;// CONCATENATED MODULE: ./src/core/closest.ts
/**
 * The known name a mistyped one was probably meant to be, or undefined when none is close: one
 * slip in a short name, two in a longer one. Further than that, a guess misleads more than it helps.
 */
function closest(name, known) {
    const [nearest] = known
        .map((candidate) => ({ candidate, distance: editDistance(name, candidate) }))
        .sort((a, b) => a.distance - b.distance);
    return nearest && nearest.distance <= (name.length > 5 ? 2 : 1) ? nearest.candidate : undefined;
}
/** Edits between two names, a swap of neighbouring letters counting as one, as typing slips do. */
function editDistance(a, b) {
    const width = b.length + 1;
    const d = [];
    const at = (i, j) => d[i * width + j] ?? 0;
    for (let i = 0; i <= a.length; i++) {
        for (let j = 0; j <= b.length; j++) {
            let edits = i + j;
            if (i > 0 && j > 0) {
                edits = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + (a[i - 1] === b[j - 1] ? 0 : 1));
                if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
                    edits = Math.min(edits, at(i - 2, j - 2) + 1);
            }
            d[i * width + j] = edits;
        }
    }
    return at(a.length, b.length);
}

;// CONCATENATED MODULE: ./stand-in/demo/args.ts
/**
 * The command line of `npm start`: the action's inputs as `--name value`, and the demo's own
 * `--serve`, `--port N` and `--help`. Pure, so that every way of getting it wrong is unit-tested.
 */


/**
 * The inputs the demo accepts as flags. Kept in the code rather than read from action.yml, since
 * the bundled demo runs from any directory; a test keeps it equal to action.yml's inputs.
 */
const INPUT_FLAGS = Object.values(Input);
const SWITCHES = ['serve', 'help'];
const KNOWN_FLAGS = [...INPUT_FLAGS, ...SWITCHES, 'port'];
/** A command line the demo refuses: the message names the flag, and nothing is run. */
class UsageError extends Error {
}
function parseDemoArgs(argv) {
    const parsed = { help: false, serve: false, port: 0, inputs: {} };
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i] ?? '';
        if (arg === '-h') {
            parsed.help = true;
            continue;
        }
        const match = /^--([^=]+)(?:=(.*))?$/s.exec(arg);
        if (!match?.[1])
            throw new UsageError(`Unexpected argument '${arg}': pass inputs as --name value, e.g. --mode plan`);
        const [, name, inline] = match;
        if (!KNOWN_FLAGS.includes(name))
            throw new UsageError(unknownFlag(name));
        if (SWITCHES.includes(name)) {
            if (inline !== undefined)
                throw new UsageError(`--${name} takes no value`);
            if (name === 'help')
                parsed.help = true;
            else
                parsed.serve = true;
            continue;
        }
        let value = inline;
        if (value === undefined) {
            const next = argv[i + 1];
            // A flag right after is far more likely a forgotten value than a value that starts with --.
            if (next === undefined || next.startsWith('--'))
                throw new UsageError(`--${name} needs a value (--${name}= for an empty one)`);
            value = next;
            i++;
        }
        if (name === 'port')
            parsed.port = parsePort(value);
        else
            parsed.inputs[name] = value;
    }
    return parsed;
}
function parsePort(value) {
    const port = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
    if (!(port <= 65535))
        throw new UsageError(`--port must be a whole number from 0 to 65535, not '${value}'`);
    return port;
}
function unknownFlag(name) {
    const nearest = closest(name, KNOWN_FLAGS);
    const hint = nearest ? `; did you mean --${nearest}?` : '';
    return `Unknown flag --${name}${hint} (npm start -- --help lists the flags)`;
}
/** Names after one another, broken into lines that fit a terminal, each line indented. */
function wrap(names, indent, width = 96) {
    const lines = [];
    let line = '';
    for (const name of names) {
        const next = line ? `${line}, ${name}` : name;
        if (line && indent.length + next.length + 1 > width) {
            lines.push(`${line},`);
            line = name;
        }
        else
            line = next;
    }
    lines.push(line);
    return lines.map((l) => indent + l).join('\n');
}
const USAGE = `Usage: npm start -- [--name value ...] [--serve] [--port N] [--help]

Runs the bundled action (dist/index.js) against a local SendGrid stand-in and prints what a
workflow would see: the log, the outputs and the job summary. No API key and no network needed.

With no flags, a tour: a compliance check that finds drift, a plan with its forecast, an apply
held by max-blocked-domains, an apply, a passing check.
With inputs, one run with those inputs; api-key and api-url default to the stand-in's.
The stand-in knows the subuser marketing and the customer account 1234567, and a week of the
parent account's mail for the forecast.

  --name value   any input of the action (--name=value works too):
${wrap(INPUT_FLAGS, '                   ')}
  --serve        start only the stand-in and keep it running (for npm run local, uses: ./ or curl)
  --port N       the stand-in's port, 0 to 65535 (default: a free one)
  -h, --help     print this text and exit

Example: npm start -- --mode apply --subuser marketing --require-tls true --min-version 1.2`;

;// CONCATENATED MODULE: external "node:child_process"
const external_node_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");
;// CONCATENATED MODULE: ./stand-in/runner.ts
/**
 * Runs the bundled action as a GitHub runner does: inputs as INPUT_* variables, outputs and
 * the job summary through the files named by GITHUB_OUTPUT and GITHUB_STEP_SUMMARY.
 */




/** Variables a runner sets per step; a value inherited from the caller must not leak in. */
const STEP_VARIABLES = /^(INPUT_|GITHUB_OUTPUT$|GITHUB_STEP_SUMMARY$|GITHUB_STATE$|GITHUB_ENV$|GITHUB_PATH$|RUNNER_DEBUG$|RUNNER_TEMP$)/;
function inputVariable(name) {
    return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}
/**
 * Runs `entry` as a step. `whileRunning` gets the child process, for a test that signals it as the
 * runner does when a job is cancelled.
 */
async function runAction(entry, inputs, extraEnv = {}, whileRunning) {
    const dir = await (0,promises_namespaceObject.mkdtemp)((0,external_node_path_namespaceObject.join)((0,external_node_os_namespaceObject.tmpdir)(), 'enforced-tls-run-'));
    try {
        const outputFile = (0,external_node_path_namespaceObject.join)(dir, 'output');
        const summaryFile = (0,external_node_path_namespaceObject.join)(dir, 'summary');
        await (0,promises_namespaceObject.writeFile)(outputFile, '');
        await (0,promises_namespaceObject.writeFile)(summaryFile, '');
        const env = {};
        for (const [name, value] of Object.entries(process.env))
            if (!STEP_VARIABLES.test(name))
                env[name] = value;
        for (const [name, value] of Object.entries(inputs))
            env[inputVariable(name)] = value;
        // RUNNER_TEMP too, as a runner has it: the report file goes there and goes away with it.
        Object.assign(env, { GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile, RUNNER_TEMP: dir }, extraEnv);
        const child = (0,external_node_child_process_namespaceObject.spawn)(process.execPath, [entry], { env, stdio: ['ignore', 'pipe', 'pipe'] });
        whileRunning?.(child);
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk) => (stdout += chunk.toString()));
        child.stderr.on('data', (chunk) => (stderr += chunk.toString()));
        const exitCode = await new Promise((resolve, reject) => {
            child.on('error', reject);
            child.on('close', (code) => resolve(code ?? 1));
        });
        return {
            exitCode,
            stdout,
            stderr,
            outputs: parseOutputFile(await (0,promises_namespaceObject.readFile)(outputFile, 'utf8')),
            summary: await (0,promises_namespaceObject.readFile)(summaryFile, 'utf8')
        };
    }
    finally {
        await (0,promises_namespaceObject.rm)(dir, { recursive: true, force: true });
    }
}
/** Reads the `name<<delimiter` blocks that @actions/core writes to GITHUB_OUTPUT. */
function parseOutputFile(text) {
    const outputs = {};
    const lines = text.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
        const header = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? '');
        if (!header)
            continue;
        const [, name = '', delimiter] = header;
        const value = [];
        while (++i < lines.length && lines[i] !== delimiter)
            value.push(lines[i] ?? '');
        outputs[name] = value.join('\n');
    }
    return outputs;
}

;// CONCATENATED MODULE: external "node:http"
const external_node_http_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");
;// CONCATENATED MODULE: external "node:https"
const external_node_https_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");
;// CONCATENATED MODULE: external "node:zlib"
const external_node_zlib_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");
;// CONCATENATED MODULE: ./stand-in/mail.ts
/**
 * The stand-in's mail: Email Logs (`POST /v3/logs`, `GET /v3/logs/{sg_message_id}`) and blocks
 * (`GET /v3/suppression/blocks`), as Twilio's OpenAPI descriptions have them, over seeded
 * messages. A parent key reads a subuser's logs by its numeric id (`subusers`, `?subuser=`), and
 * its blocks through on-behalf-of. Not product code: the tests and `npm start` use it.
 */
const SCOPE_LOGS = 'email_activity.read';
const SCOPE_BLOCKS = 'suppression.blocks.read';
const HOUR_MS = 60 * 60 * 1000;
const LOGS = '/v3/logs';
const BLOCKS = '/v3/suppression/blocks';
function servesMail(path) {
    return path === LOGS || path.startsWith(`${LOGS}/`) || path === BLOCKS;
}
function answerMail(request, options, now = Date.now()) {
    const { path, method } = request;
    if (path === BLOCKS)
        return method === 'GET' ? blocks(request, options, now) : errors(405, 'method not allowed');
    if (!request.scopes.includes(SCOPE_LOGS))
        return errors(403, 'access forbidden');
    // The spec addresses a subuser's logs by id, never by on-behalf-of: this stand-in holds the client to it.
    if (request.behalf !== undefined)
        return errors(400, 'on-behalf-of is not supported here: pass the subuser id');
    if (path === LOGS)
        return method === 'POST' ? search(request, options, now) : errors(405, 'method not allowed');
    if (method !== 'GET')
        return errors(405, 'method not allowed');
    return message(request, options, now, decodeURIComponent(path.slice(LOGS.length + 1)));
}
function search(request, options, now) {
    let parsed;
    try {
        parsed = JSON.parse(request.body);
    }
    catch {
        return errors(400, 'request body is invalid JSON');
    }
    const { query, limit = 10, subusers } = (parsed ?? {});
    if (typeof query !== 'string')
        return errors(400, 'query is required', 'query');
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 1000) {
        return errors(400, 'limit must be from 1 to 1000', 'limit');
    }
    let account = 'parent';
    if (subusers !== undefined) {
        if (!Array.isArray(subusers) || subusers.length !== 1 || typeof subusers[0] !== 'string' || !/^\d+$/.test(subusers[0])) {
            return errors(400, 'subusers takes one numeric subuser id', 'subusers');
        }
        const name = request.subuserById(subusers[0]);
        if (name === undefined)
            return errors(403, 'access forbidden');
        account = name;
    }
    const filter = parseQuery(query);
    if (!filter)
        return errors(400, 'query could not be parsed', 'query');
    const found = (options.mail?.[account] ?? [])
        .filter((m) => filter.statuses.includes('delivered') && now - (m.ageHours ?? 1) * HOUR_MS > filter.sinceMs)
        .slice(0, limit)
        .map((m) => summary(m, now));
    return { status: 200, body: { messages: found }, parsed };
}
function message(request, options, now, id) {
    const subuser = request.query.get('subuser');
    const account = subuser === null ? 'parent' : /^\d+$/.test(subuser) ? request.subuserById(subuser) : undefined;
    if (account === undefined)
        return errors(403, 'access forbidden');
    const found = options.mail?.[account]?.find((m) => m.id === id);
    // SendGrid's text for a missing message is not documented; this one quotes the id, as a server might.
    if (!found)
        return errors(404, `message ${id} not found`);
    return { status: 200, body: { ...summary(found, now), api_key_id: 'stand-in', client_ip: '192.0.2.10', events: events(found, now) } };
}
function blocks(request, options, now) {
    if (!request.scopes.includes(SCOPE_BLOCKS))
        return errors(403, 'access forbidden');
    const account = request.behalf ?? 'parent';
    if (account !== 'parent' && !request.accountKnown(account))
        return errors(403, 'access forbidden');
    const number = (name, fallback) => {
        const value = request.query.get(name);
        return value === null ? fallback : Number(value);
    };
    const start = number('start_time', 0);
    const end = number('end_time', Number.MAX_SAFE_INTEGER);
    const limit = Math.min(500, number('limit', 500));
    const offset = number('offset', 0);
    const all = (options.blocks?.[account] ?? [])
        .map((b) => ({ created: Math.floor((now - (b.ageHours ?? 1) * HOUR_MS) / 1000), email: b.email, reason: b.reason, status: '4.0.0' }))
        .filter((b) => b.created >= start && b.created <= end);
    return { status: 200, body: all.slice(offset, offset + limit) };
}
/** The two conditions the forecast sends: `status IN (...)` and `sg_message_id_created_at > TIMESTAMP "..."`, joined by AND. */
function parseQuery(query) {
    let statuses = [];
    let sinceMs = 0;
    for (const condition of query.split(/\s+AND\s+/)) {
        const status = /^status IN \(((?:'[a-z]+'(?:,\s*)?)+)\)$/.exec(condition.trim());
        const since = /^sg_message_id_created_at > TIMESTAMP "(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)"$/.exec(condition.trim());
        if (status)
            statuses = [...(status[1] ?? '').matchAll(/'([a-z]+)'/g)].map((m) => m[1] ?? '');
        else if (since)
            sinceMs = Date.parse(since[1] ?? '');
        else
            return undefined;
    }
    return { statuses, sinceMs };
}
function summary(m, now) {
    return {
        from_email: 'sender@stand-in.example',
        sg_message_id: m.id,
        subject: m.subject ?? 'Your receipt',
        to_email: m.to,
        status: 'delivered',
        sg_message_id_created_at: new Date(now - (m.ageHours ?? 1) * HOUR_MS).toISOString()
    };
}
/** A processed event, then the delivery: `tls: 1` only when TLS was used, `cert_err: "1"` when the certificate failed. */
function events(m, now) {
    const at = Math.floor((now - (m.ageHours ?? 1) * HOUR_MS) / 1000);
    const common = { email: m.to, sg_message_id: m.id, sg_event_id: `${m.id}-e`, 'smtp-id': `<${m.id}@stand-in>`, ip: '192.0.2.20' };
    const processed = { ...common, event: 'processed', timestamp: at };
    const delivery = m.delivery ?? 'tls';
    if (delivery === 'none')
        return [processed, { ...common, event: 'open', timestamp: at + 600 }];
    return [
        processed,
        {
            ...common,
            event: 'delivered',
            timestamp: at + 5,
            response: '250 OK',
            ...(delivery !== 'no-tls' && { tls: 1 }),
            ...(delivery === 'cert-error' && { cert_err: '1' })
        }
    ];
}
function errors(status, message, field = null) {
    return { status, body: { errors: [{ field, message }] } };
}

;// CONCATENATED MODULE: ./stand-in/server.ts
/**
 * A local stand-in for the part of SendGrid's v3 API this action uses: GET and PATCH of
 * /v3/user/settings/enforced_tls, with bearer keys and their scopes, on-behalf-of for subusers
 * and customer accounts, SendGrid's error bodies and rate-limit headers; and, for the forecast,
 * Email Logs and blocks over seeded mail (`mail.ts`). It follows the
 * official OpenAPI description and the quirks other clients met: `version` is left out until an
 * account sets it, and can be echoed as a float32. Used by `npm start`, the tests and the bench.
 */





const SCOPE_READ = 'user.settings.enforced_tls.read';
const SCOPE_UPDATE = 'user.settings.enforced_tls.update';
const SCOPE_SUBUSERS = 'subusers.read';
/** SendGrid's largest page of subusers. */
const MAX_SUBUSER_PAGE = 500;
const DEFAULT_STAND_IN_KEY = 'SG.stand-in-key.not-a-real-secret';
const PATH = '/v3/user/settings/enforced_tls';
/** A subuser's numeric id is its place among the subusers plus this. */
const FIRST_SUBUSER_ID = 1001;
const SUBUSERS_PATH = '/v3/subusers';
async function startStandIn(options = {}) {
    const keys = options.keys ?? { [DEFAULT_STAND_IN_KEY]: [SCOPE_READ, SCOPE_UPDATE, SCOPE_SUBUSERS, SCOPE_LOGS, SCOPE_BLOCKS] };
    const parent = { ...(options.parent ?? { require_tls: false, require_valid_cert: false }) };
    // Accounts reached through on-behalf-of, keyed by the header's value.
    const store = new Map();
    for (const [name, setting] of Object.entries(options.subusers ?? {}))
        store.set(name, { ...setting });
    for (const [id, setting] of Object.entries(options.accounts ?? {}))
        store.set(`account-id ${id}`, { ...setting });
    // SendGrid counts requests per endpoint, in fixed windows that end on a whole second, since
    // X-RateLimit-Reset names that second. Here they lie on a grid of `windowMs` (whole seconds).
    const rate = options.rateLimit ?? { limit: 600, windowMs: 60_000 };
    const windows = new Map();
    const requests = [];
    let rateLimited = 0;
    const faults = [];
    const stale = new Map();
    const listener = (req, res) => {
        void readBody(req).then(async (raw) => {
            if (options.latencyMs)
                await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
            const url = new URL(req.url ?? '/', 'http://stand-in');
            const recorded = { method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers };
            requests.push(recorded);
            const now = (options.now ?? Date.now)();
            let window = windows.get(url.pathname);
            if (!window || now >= window.end) {
                window = { end: (Math.floor(now / rate.windowMs) + 1) * rate.windowMs, used: 0 };
                windows.set(url.pathname, window);
            }
            window.used += 1;
            if (!options.bareRateLimit) {
                res.setHeader('X-RateLimit-Limit', String(rate.limit));
                res.setHeader('X-RateLimit-Remaining', String(Math.max(0, rate.limit - window.used)));
                res.setHeader('X-RateLimit-Reset', String(window.end / 1000));
            }
            if (window.used > rate.limit) {
                rateLimited += 1;
                if (options.bareRateLimit)
                    res.setHeader('Retry-After', String(Math.ceil((window.end - now) / 1000)));
                return sendErrors(res, 429, 'too many requests');
            }
            const fault = takeFault(recorded.method);
            if (fault)
                return answerWithFault(res, fault, now);
            handle(req, res, raw, recorded);
        });
    };
    const server = options.tls ? (0,external_node_https_namespaceObject.createServer)(options.tls, listener) : (0,external_node_http_namespaceObject.createServer)(listener);
    function handle(req, res, raw, recorded) {
        if (servesMail(recorded.path))
            return handleMail(req, res, raw, recorded);
        const endpoint = recorded.path === PATH ? 'enforced_tls' : recorded.path === SUBUSERS_PATH ? 'subusers' : undefined;
        if (!endpoint)
            return sendErrors(res, 404, 'resource not found');
        if (req.method !== 'GET' && (endpoint === 'subusers' || req.method !== 'PATCH'))
            return sendErrors(res, 405, 'method not allowed');
        const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
        const scopes = auth ? keys[auth[1] ?? ''] : undefined;
        if (!scopes)
            return sendErrors(res, 401, 'authorization required');
        if (!acceptsJson(req.headers.accept))
            return sendErrors(res, 406, 'Accept header must allow application/json');
        const needed = endpoint === 'subusers' ? SCOPE_SUBUSERS : req.method === 'GET' ? SCOPE_READ : SCOPE_UPDATE;
        if (!scopes.includes(needed))
            return sendErrors(res, 403, 'access forbidden');
        if (endpoint === 'subusers')
            return listSubusers(res, recorded.query);
        const behalf = req.headers['on-behalf-of'];
        if (behalf !== undefined && options.euSubusers?.includes(String(behalf)))
            return sendErrors(res, 401, 'authorization required');
        const setting = behalf === undefined ? parent : store.get(String(behalf));
        // What SendGrid answers for an unknown on-behalf-of is undocumented; a 403 is the likeliest.
        if (!setting)
            return sendErrors(res, 403, 'access forbidden');
        if (req.method === 'GET') {
            const lagging = stale.get(setting);
            if (lagging && lagging.reads-- > 0)
                return sendSetting(res, lagging.shown);
            return sendSetting(res, setting);
        }
        if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
            return sendErrors(res, 400, 'Content-Type must be application/json');
        }
        let body;
        try {
            body = JSON.parse(raw);
        }
        catch {
            return sendErrors(res, 400, 'request body is invalid JSON');
        }
        recorded.body = body;
        const problem = validatePatch(body);
        if (problem)
            return sendErrors(res, 400, problem.message, problem.field);
        if (options.readLag)
            stale.set(setting, { shown: { ...setting }, reads: options.readLag });
        Object.assign(setting, body);
        if (options.patchEcho === 'none')
            return void res.writeHead(204).end();
        if (options.patchEcho === 'sent')
            return send(res, 200, body);
        sendSetting(res, setting);
    }
    /** Email Logs and blocks, over the seeded mail (`mail.ts`), behind the same keys. */
    function handleMail(req, res, raw, recorded) {
        const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
        const scopes = auth ? keys[auth[1] ?? ''] : undefined;
        if (!scopes)
            return sendErrors(res, 401, 'authorization required');
        if (!acceptsJson(req.headers.accept))
            return sendErrors(res, 406, 'Accept header must allow application/json');
        const behalf = req.headers['on-behalf-of'];
        const names = subuserNames();
        const answer = answerMail({
            method: req.method ?? '',
            path: recorded.path,
            query: recorded.query,
            body: raw,
            scopes,
            behalf: behalf === undefined ? undefined : String(behalf),
            subuserById: (id) => names[Number(id) - FIRST_SUBUSER_ID],
            accountKnown: (account) => store.has(account)
        }, options);
        if (answer.parsed !== undefined)
            recorded.body = answer.parsed;
        send(res, answer.status, answer.body);
    }
    /**
     * As seeded, whatever they hold: a subuser named `account-id <id>` is listed, and its name, as
     * on-behalf-of, reaches the customer account of that id, as SendGrid's would.
     */
    function subuserNames() {
        return Object.keys(options.subusers ?? {});
    }
    /** GET /v3/subusers: a page of `limit` (capped at 500) from `offset`, or the one `username`; regions on request. */
    function listSubusers(res, query) {
        const names = subuserNames();
        const username = query.get('username');
        const paging = options.subuserPaging;
        const limit = Math.min(typeof paging === 'object' ? paging.maxPage : MAX_SUBUSER_PAGE, Number(query.get('limit') ?? 100) || 100);
        const offset = paging === 'ignore-offset' ? 0 : Number(query.get('offset') ?? 0) || 0;
        if (paging === 'endless')
            names.push(...Array.from({ length: offset + limit }, (_, i) => `invented-${i}`));
        const page = username !== null ? names.filter((name) => name === username) : names.slice(offset, offset + limit);
        const withRegion = query.get('include_region') === 'true';
        send(res, 200, page.map((name, index) => ({
            id: (username !== null ? names.indexOf(name) : offset + index) + FIRST_SUBUSER_ID,
            username: name,
            email: `${name}@example.com`,
            disabled: false,
            ...(withRegion ? { region: options.euSubusers?.includes(name) ? 'eu' : 'global' } : {})
        })));
    }
    function takeFault(method) {
        const index = faults.findIndex((f) => f.method === undefined || f.method === method);
        const entry = faults[index];
        if (!entry)
            return undefined;
        if (entry.after > 0) {
            entry.after -= 1;
            return undefined;
        }
        if (--entry.times <= 0)
            faults.splice(index, 1);
        return entry.fault;
    }
    function sendSetting(res, setting) {
        const shown = {
            require_tls: setting.require_tls,
            require_valid_cert: setting.require_valid_cert
        };
        if (setting.version !== undefined) {
            shown['version'] = options.float32Versions ? Math.fround(setting.version) : setting.version;
        }
        send(res, 200, shown);
    }
    await new Promise((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
    const { port } = server.address();
    return {
        url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
        requests,
        rateLimited: () => rateLimited,
        inject: (fault, times = 1, method, after = 0) => {
            // Made now, not while a client waits for the answer: it takes a tenth of a second.
            if (fault.kind === 'bomb')
                bomb();
            faults.push({ fault, times, method, after });
        },
        setting: (account = 'parent') => {
            const setting = account === 'parent' ? parent : store.get(account);
            return setting && { ...setting };
        },
        close: () => new Promise((resolve, reject) => {
            if (!server.listening)
                return resolve();
            server.closeAllConnections();
            server.close((error) => (error ? reject(error) : resolve()));
        })
    };
}
function answerWithFault(res, fault, now) {
    switch (fault.kind) {
        case 'status':
            for (const [name, value] of Object.entries(fault.headers ?? {}))
                res.setHeader(name, value);
            if (fault.body === undefined)
                return sendErrors(res, fault.status, `stand-in fault ${fault.status}`);
            res.writeHead(fault.status, { 'Content-Type': fault.contentType ?? 'application/json' });
            return void res.end(fault.body);
        case 'rate-limit':
            res.setHeader('X-RateLimit-Remaining', '0');
            res.setHeader('X-RateLimit-Reset', String(Math.floor(now / 1000) + fault.resetInSeconds));
            if (fault.retryAfter !== undefined)
                res.setHeader('Retry-After', fault.retryAfter);
            return sendErrors(res, 429, 'too many requests');
        case 'html':
            res.writeHead(fault.status, { 'Content-Type': 'text/html' });
            return void res.end(`<!DOCTYPE html><html><head><title>${fault.status} Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>`);
        case 'malformed':
            res.writeHead(200, { 'Content-Type': 'application/json' });
            return void res.end('{"require_tls": tru');
        case 'drop':
            return void res.socket?.destroy();
        case 'hang':
            return;
        case 'endless': {
            res.writeHead(200, { 'Content-Type': 'application/json' });
            res.write('{"require_tls": true, "padding": "');
            const chunk = 'x'.repeat(64 * 1024);
            const pump = () => {
                while (!res.destroyed && res.write(chunk))
                    ;
                if (!res.destroyed)
                    res.once('drain', pump);
            };
            return pump();
        }
        case 'bomb':
            res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
            return void res.end(bomb());
    }
}
let bombBody;
/** 64 MiB of spaces inside a JSON string, gzipped to about 64 kB. */
function bomb() {
    bombBody ??= (0,external_node_zlib_namespaceObject.gzipSync)(Buffer.concat([Buffer.from('{"require_tls": "'), Buffer.alloc(64 * 1024 * 1024, 0x20), Buffer.from('"}')]));
    return bombBody;
}
function validatePatch(body) {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        return { field: null, message: 'request body must be a JSON object' };
    }
    for (const [field, value] of Object.entries(body)) {
        if (field === 'require_tls' || field === 'require_valid_cert') {
            if (typeof value !== 'boolean')
                return { field, message: `${field} must be a boolean` };
        }
        else if (field === 'version') {
            if (typeof value !== 'number' || ![1.1, 1.2, 1.3].includes(value)) {
                return { field, message: 'version must be one of the numbers 1.1, 1.2, 1.3' };
            }
        }
        else {
            return { field, message: `unknown field ${field}` };
        }
    }
    return undefined;
}
function acceptsJson(accept) {
    return accept !== undefined && /application\/json|application\/\*|\*\/\*/.test(accept);
}
function sendErrors(res, status, message, field = null) {
    send(res, status, { errors: [{ field, message }] });
}
function send(res, status, body) {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
}
function readBody(req) {
    return new Promise((resolve, reject) => {
        const chunks = [];
        req.on('data', (chunk) => chunks.push(chunk));
        req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        req.on('error', reject);
    });
}

;// CONCATENATED MODULE: ./stand-in/demo/index.ts
/**
 * `npm start`: runs the bundled action (dist/index.js) against the local SendGrid stand-in and
 * prints what a workflow would see: the log, the outputs and the job summary. Needs no key, no
 * network and no `npm ci`: it is bundled into dist/demo.
 *
 * Without arguments it plays the three workflows in turn on one account. With arguments it runs
 * the action once with those inputs, e.g. `npm start -- --mode apply --require-tls true --subuser marketing`.
 * `npm start -- --serve [--port N]` starts only the stand-in, for a workflow's `uses: ./` or curl.
 * `npm start -- --help` says all this; a flag it does not know stops it before anything runs.
 */







// The bundled action beside this bundle (dist/demo/index.js -> dist/index.js). Derived from the
// running script rather than import.meta.url, which ncc would take for an asset to copy.
const ACTION = (0,external_node_path_namespaceObject.resolve)((0,external_node_path_namespaceObject.dirname)(process.argv[1] ?? '.'), '..', 'index.js');
const POLICY = { 'require-tls': 'true', 'min-version': '1.2' };
/**
 * A week of the parent account's mail: most recipients' servers use TLS; one partner's does not,
 * one presents a bad certificate (blocked only by require-valid-cert), and one has no delivery on record.
 */
const DEMO_MAIL = [
    ...seed('customer-mail.example', 6, 'tls'),
    ...seed('example-partner.com', 4, 'no-tls'),
    ...seed('legacy.example.org', 3, 'cert-error'),
    ...seed('newsletter-reader.example', 2, 'tls'),
    ...seed('quiet.example', 1, 'none')
];
function seed(domain, n, delivery) {
    return Array.from({ length: n }, (_, i) => ({ id: `demo-${domain}-${i}`, to: `reader${i}@${domain}`, delivery, ageHours: 6 + 20 * i }));
}
/** The policy file the tour exports, in its workspace, and then verifies against. */
const PINNED = 'sendgrid-tls.yml';
const TOUR = [
    { title: 'A scheduled compliance check finds the account on opportunistic TLS', inputs: { mode: 'verify', ...POLICY }, expectedExit: 1 },
    {
        title: 'A pull-request gate shows what apply would change, and whose mail it would block',
        inputs: { mode: 'plan', ...POLICY },
        expectedExit: 0
    },
    {
        title: 'A deployment that allows no blocked domain is held by the forecast',
        inputs: { mode: 'apply', ...POLICY, 'max-blocked-domains': '0' },
        expectedExit: 1
    },
    {
        title: 'The team accepts the one partner without TLS: apply goes ahead and is confirmed',
        inputs: { mode: 'apply', ...POLICY, 'max-blocked-domains': '1' },
        expectedExit: 0
    },
    { title: 'The compliance check now passes', inputs: { mode: 'verify', ...POLICY }, expectedExit: 0 },
    {
        title: 'Policy as code: an export pins every account as it is today, in a file to review and commit',
        inputs: { mode: 'export', subuser: 'marketing', 'account-id': '1234567', 'include-parent': 'true', 'export-file': PINNED },
        expectedExit: 0,
        showFile: 'export-file'
    },
    { title: 'The committed policy file, verified', inputs: { mode: 'verify', 'policy-file': PINNED }, expectedExit: 0 }
];
async function main(argv) {
    let args;
    try {
        args = parseDemoArgs(argv);
    }
    catch (error) {
        if (!(error instanceof UsageError))
            throw error;
        console.error(error.message);
        return 2;
    }
    if (args.help) {
        console.log(USAGE);
        return 0;
    }
    const { serve, port, inputs } = args;
    const refusal = await portRefusal(port);
    if (refusal) {
        console.error(refusal);
        return 1;
    }
    const standIn = await startStandIn({
        subusers: { marketing: { require_tls: false, require_valid_cert: false } },
        accounts: { '1234567': { require_tls: true, require_valid_cert: false, version: 1.2 } },
        float32Versions: true,
        mail: { parent: DEMO_MAIL },
        port
    });
    console.log(`SendGrid stand-in listening on ${standIn.url} (subuser: marketing, customer account: 1234567)\n`);
    if (serve) {
        console.log(`API key: ${DEFAULT_STAND_IN_KEY}. Stop with Ctrl-C.`);
        return new Promise(() => undefined);
    }
    // The repository a workflow would check out: where the tour's policy file is written and read.
    const workspace = await (0,promises_namespaceObject.mkdtemp)((0,external_node_path_namespaceObject.join)((0,external_node_os_namespaceObject.tmpdir)(), 'enforced-tls-workspace-'));
    try {
        const steps = Object.keys(inputs).length > 0 ? [{ title: 'Your run', inputs }] : TOUR;
        let ok = true;
        for (const [index, step] of steps.entries()) {
            const run = await runAction(ACTION, { 'api-key': DEFAULT_STAND_IN_KEY, 'api-url': standIn.url, ...step.inputs }, { GITHUB_WORKSPACE: workspace });
            printRun(index + 1, step, run, standIn);
            const shown = step.showFile && run.outputs[step.showFile];
            if (shown)
                console.log(`    ${shown}:\n\n${indent((await (0,promises_namespaceObject.readFile)(shown, 'utf8')).trim(), '      ')}\n`);
            if (step.expectedExit === undefined)
                return run.exitCode;
            ok &&= run.exitCode === step.expectedExit;
        }
        console.log(ok ? 'Every step ended as expected.' : 'A step did not end as expected: see above.');
        return ok ? 0 : 1;
    }
    finally {
        await standIn.close();
        await (0,promises_namespaceObject.rm)(workspace, { recursive: true, force: true });
    }
}
/**
 * Why the stand-in could not listen on `port`, asked before it tries: its server is shared with the
 * tests, which always take a free port, and leaves a failed listen to crash the process with a
 * stack trace. The moment between asking and listening is too short to matter for a demo.
 */
async function portRefusal(port) {
    if (port === 0)
        return undefined;
    const probe = (0,external_node_net_namespaceObject.createServer)();
    return new Promise((resolve, reject) => {
        probe.once('error', (error) => {
            if (error.code === 'EADDRINUSE')
                resolve(`Port ${port} is taken: choose another with --port.`);
            else if (error.code === 'EACCES')
                resolve(`Port ${port} needs privileges this user lacks: choose one above 1023 with --port.`);
            else
                reject(error);
        });
        probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(undefined)));
    });
}
function printRun(n, step, run, standIn) {
    const inputs = Object.entries(step.inputs)
        .map(([k, v]) => `${k}: ${v}`)
        .join(', ');
    console.log(`━━━ ${n}. ${step.title}`);
    console.log(`    with: ${inputs}\n`);
    console.log(indent(readableLog(run.stdout + run.stderr)));
    console.log(`\n    exit code ${run.exitCode}; the stand-in saw: ${standIn.requests
        .splice(0)
        .map((r) => r.method)
        .join(', ')}`);
    console.log('    outputs:');
    for (const [name, value] of Object.entries(run.outputs))
        console.log(`      ${name} = ${shorten(value)}`);
    console.log('    job summary:\n');
    console.log(indent(run.summary.trim(), '      '));
    console.log('');
}
/** Shows workflow commands as a person reads them in the Actions UI. */
function readableLog(log) {
    return log
        .split('\n')
        .filter((line) => line !== '' && !/^::(add-mask|debug|endgroup)::/.test(line))
        .map((line) => line.replace(/^::group::/, '▸ ').replace(/^::(error|warning|notice)[^:]*::/, (_, kind) => `${kind.toUpperCase()}: `))
        .join('\n');
}
/** Long JSON outputs are cut in the terminal; a workflow gets them whole. */
function shorten(value) {
    return value.length > 160 ? `${value.slice(0, 160)}… (${value.length} characters)` : value;
}
function indent(text, prefix = '    ') {
    return text
        .split('\n')
        .map((line) => prefix + line)
        .join('\n');
}
main(process.argv.slice(2)).then((code) => (process.exitCode = code), (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
});

