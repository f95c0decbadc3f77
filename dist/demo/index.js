import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
var __webpack_exports__ = {};

;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
;// CONCATENATED MODULE: external "node:child_process"
const external_node_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");
;// CONCATENATED MODULE: external "node:fs/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");
;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
;// CONCATENATED MODULE: ./src/stand-in/runner.ts
/**
 * Runs the bundled action as a GitHub runner does: inputs as INPUT_* variables, outputs and
 * the job summary through the files named by GITHUB_OUTPUT and GITHUB_STEP_SUMMARY.
 */




/** Variables a runner sets per step; a value inherited from the caller must not leak in. */
const STEP_VARIABLES = /^(INPUT_|GITHUB_OUTPUT$|GITHUB_STEP_SUMMARY$|GITHUB_STATE$|GITHUB_ENV$|GITHUB_PATH$|RUNNER_DEBUG$|RUNNER_TEMP$)/;
function inputVariable(name) {
    return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}
async function runAction(entry, inputs, extraEnv = {}) {
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
;// CONCATENATED MODULE: ./src/stand-in/server.ts
/**
 * A local stand-in for the part of SendGrid's v3 API this action uses: GET and PATCH of
 * /v3/user/settings/enforced_tls, with bearer keys and their scopes, on-behalf-of for subusers
 * and customer accounts, SendGrid's error bodies and rate-limit headers. It follows the
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
const SUBUSERS_PATH = '/v3/subusers';
async function startStandIn(options = {}) {
    const keys = options.keys ?? { [DEFAULT_STAND_IN_KEY]: [SCOPE_READ, SCOPE_UPDATE, SCOPE_SUBUSERS] };
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
    const server = (0,external_node_http_namespaceObject.createServer)((req, res) => {
        void readBody(req).then(async (raw) => {
            if (options.latencyMs)
                await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
            const url = new URL(req.url ?? '/', 'http://stand-in');
            const recorded = { method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers };
            requests.push(recorded);
            const now = Date.now();
            let window = windows.get(url.pathname);
            if (!window || now >= window.end) {
                window = { end: (Math.floor(now / rate.windowMs) + 1) * rate.windowMs, used: 0 };
                windows.set(url.pathname, window);
            }
            window.used += 1;
            res.setHeader('X-RateLimit-Limit', String(rate.limit));
            res.setHeader('X-RateLimit-Remaining', String(Math.max(0, rate.limit - window.used)));
            res.setHeader('X-RateLimit-Reset', String(window.end / 1000));
            if (window.used > rate.limit) {
                rateLimited += 1;
                return sendErrors(res, 429, 'too many requests');
            }
            const fault = takeFault(recorded.method);
            if (fault)
                return answerWithFault(req, res, fault);
            handle(req, res, raw, recorded);
        });
    });
    function handle(req, res, raw, recorded) {
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
    /** GET /v3/subusers: a page of `limit` (capped at 500) from `offset`, or the one `username`; regions on request. */
    function listSubusers(res, query) {
        const names = [...store.keys()].filter((name) => !name.startsWith('account-id '));
        const username = query.get('username');
        const limit = Math.min(MAX_SUBUSER_PAGE, Number(query.get('limit') ?? 100) || 100);
        const offset = Number(query.get('offset') ?? 0) || 0;
        const page = username !== null ? names.filter((name) => name === username) : names.slice(offset, offset + limit);
        const withRegion = query.get('include_region') === 'true';
        send(res, 200, page.map((name) => ({
            id: names.indexOf(name) + 1001,
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
        url: `http://127.0.0.1:${port}`,
        requests,
        rateLimited: () => rateLimited,
        inject: (fault, times = 1, method) => {
            faults.push({ fault, times, method });
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
function answerWithFault(req, res, fault) {
    switch (fault.kind) {
        case 'status':
            if (fault.body === undefined)
                return sendErrors(res, fault.status, `stand-in fault ${fault.status}`);
            res.writeHead(fault.status, { 'Content-Type': fault.contentType ?? 'application/json' });
            return void res.end(fault.body);
        case 'rate-limit':
            res.setHeader('X-RateLimit-Remaining', '0');
            res.setHeader('X-RateLimit-Reset', String(Math.floor(Date.now() / 1000) + fault.resetInSeconds));
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
            return void req.socket.destroy();
        case 'hang':
            return;
    }
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

;// CONCATENATED MODULE: ./src/demo/index.ts
/**
 * `npm start`: runs the bundled action (dist/index.js) against the local SendGrid stand-in and
 * prints what a workflow would see: the log, the outputs and the job summary. Needs no key, no
 * network and no `npm ci`: it is bundled into dist/demo.
 *
 * Without arguments it plays the three workflows in turn on one account. With arguments it runs
 * the action once with those inputs, e.g. `npm start -- --mode apply --require-tls true --subuser marketing`.
 * `npm start -- --serve [--port N]` starts only the stand-in, for a workflow's `uses: ./` or curl.
 */



// The bundled action beside this bundle (dist/demo/index.js -> dist/index.js). Derived from the
// running script rather than import.meta.url, which ncc would take for an asset to copy.
const ACTION = (0,external_node_path_namespaceObject.resolve)((0,external_node_path_namespaceObject.dirname)(process.argv[1] ?? '.'), '..', 'index.js');
const POLICY = { 'require-tls': 'true', 'min-version': '1.2' };
const TOUR = [
    { title: 'A scheduled compliance check finds the account on opportunistic TLS', inputs: { mode: 'verify', ...POLICY }, expectedExit: 1 },
    { title: 'A pull-request gate shows what apply would change', inputs: { mode: 'plan', ...POLICY }, expectedExit: 0 },
    { title: 'A deployment applies the policy and confirms it', inputs: { mode: 'apply', ...POLICY }, expectedExit: 0 },
    { title: 'The compliance check now passes', inputs: { mode: 'verify', ...POLICY }, expectedExit: 0 }
];
async function main() {
    const args = parseArgs(process.argv.slice(2));
    const serve = 'serve' in args;
    const port = Number(args['port'] ?? 0);
    delete args['serve'];
    delete args['port'];
    const standIn = await startStandIn({
        subusers: { marketing: { require_tls: false, require_valid_cert: false } },
        accounts: { '1234567': { require_tls: true, require_valid_cert: false, version: 1.2 } },
        float32Versions: true,
        port
    });
    console.log(`SendGrid stand-in listening on ${standIn.url} (subuser: marketing, customer account: 1234567)\n`);
    if (serve) {
        console.log(`API key: ${DEFAULT_STAND_IN_KEY}. Stop with Ctrl-C.`);
        return new Promise(() => undefined);
    }
    try {
        const steps = Object.keys(args).length > 0 ? [{ title: 'Your run', inputs: args }] : TOUR;
        let ok = true;
        for (const [index, step] of steps.entries()) {
            const run = await runAction(ACTION, { 'api-key': DEFAULT_STAND_IN_KEY, 'api-url': standIn.url, ...step.inputs });
            printRun(index + 1, step, run, standIn);
            if (step.expectedExit === undefined)
                return run.exitCode;
            ok &&= run.exitCode === step.expectedExit;
        }
        console.log(ok ? 'Every step ended as expected.' : 'A step did not end as expected: see above.');
        return ok ? 0 : 1;
    }
    finally {
        await standIn.close();
    }
}
function parseArgs(args) {
    const inputs = {};
    for (let i = 0; i < args.length; i++) {
        const match = /^--([a-z-]+)(?:=(.*))?$/.exec(args[i] ?? '');
        if (!match?.[1])
            throw new Error(`Unexpected argument '${args[i]}': pass inputs as --name value, e.g. --mode plan`);
        const flag = match[1] === 'serve';
        inputs[match[1]] = match[2] ?? (flag ? '' : (args[++i] ?? ''));
    }
    return inputs;
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
main().then((code) => (process.exitCode = code), (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
});

