export const id = 557;
export const ids = [557];
export const modules = {

/***/ 9557:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  loadPolicy: () => (/* binding */ loadPolicy)
});

// UNUSED EXPORTS: MAX_POLICY_BYTES

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./src/engine/file.ts



/** Why a file a setting names could not be read: said in words that fit after "The file …". */
class UnreadableFile extends Error {
    constructor(why) {
        super(why);
        this.name = 'UnreadableFile';
    }
}
/**
 * A small file the user names, read whole. Without blocking and within a bound: a FIFO with no
 * writer, /dev/zero or a huge file is refused at once, and a cancellation still works.
 */
async function readSmallFile(path, maxBytes, what) {
    let file;
    try {
        file = await (0,promises_.open)(path, external_node_fs_.constants.O_RDONLY | external_node_fs_.constants.O_NONBLOCK);
    }
    catch (error) {
        const code = error.code;
        throw new UnreadableFile(code === 'ENOENT' ? 'does not exist' : `cannot be read${code ? ` (${code})` : ''}`);
    }
    try {
        const stat = await file.stat();
        if (!stat.isFile())
            throw new UnreadableFile(`is not a regular file: give the path of a file that holds ${what}`);
        if (stat.size > maxBytes)
            throw new UnreadableFile(`is ${stat.size} bytes, more than ${what} takes (${maxBytes} at most)`);
        const { buffer, bytesRead } = await file.read(Buffer.alloc(maxBytes + 1), 0, maxBytes + 1, 0);
        if (bytesRead > maxBytes)
            throw new UnreadableFile(`holds more than ${what} takes (${maxBytes} bytes at most)`);
        return buffer.subarray(0, bytesRead).toString('utf8');
    }
    finally {
        await file.close();
    }
}
/**
 * Why an export may not write to `path`, checked before any request: it is the policy file the
 * export reads (today's settings written over the reviewed policy would lose every change and
 * exception in it), or it cannot be written. Each face words it for its own setting names.
 */
async function exportFileProblem(path, policyPath) {
    if (policyPath && (await sameFile(path, policyPath)))
        return { kind: 'policy-file' };
    const why = await unwritable(path);
    return why === undefined ? undefined : { kind: 'unwritable', why };
}
/**
 * Why a file the run is asked to write cannot be written, or undefined when it can: checked before
 * any request, so a typo does not cost a whole fleet's reads. Only a regular file is replaced; a
 * symbolic link, a directory or a FIFO (which would block the write forever) is refused.
 */
async function unwritable(path) {
    try {
        const found = await lstat(path);
        if (found.isSymbolicLink())
            return 'is a symbolic link: name the file itself';
        return found.isFile() ? undefined : 'is not a regular file';
    }
    catch (error) {
        if (error.code !== 'ENOENT')
            return `cannot be examined (${error.code ?? 'error'})`;
    }
    try {
        return (await stat(dirname(path))).isDirectory() ? undefined : 'is in a folder that is not a directory';
    }
    catch {
        return 'is in a folder that does not exist';
    }
}
/**
 * Whether two paths name one file, however they are spelled: through a symbolic link, a linked
 * folder or a hard link. A path that does not exist names no file yet.
 */
async function sameFile(a, b) {
    try {
        const [first, second] = await Promise.all([stat(a), stat(b)]);
        return first.dev === second.dev && first.ino === second.ino;
    }
    catch {
        return false;
    }
}

// EXTERNAL MODULE: ./src/engine/redact.ts
var redact = __webpack_require__(2393);
;// CONCATENATED MODULE: ./src/engine/guard.ts

/**
 * The guard on every way out: the log, annotations, outputs, the summary, the report, a comment,
 * a terminal. Text is redacted of the API key (whatever encoding a server echoed it in); a line
 * is also neutralised: text from a server can name a subuser "x\n::warning::…" or hold terminal
 * escapes, and must not end a line, start a workflow command, move a cursor or hide text behind
 * bidirectional controls.
 */
let redactor = new redact/* Redactor */.pO('');
/** From now on, everything that goes through the guard is redacted of `secret`. */
function protect(secret) {
    redactor = new Redactor(secret);
}
/** Text for a file a runner or a reader gets whole (outputs, summary, report, comment): redacted. */
function safe(text) {
    return redactor.redact(text);
}
/** Controls, and the invisible characters that turn text around or hide between letters. */
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
/** Longest log line: a server's megabyte of text must not become a megabyte of log. */
const MAX_LINE = 8000;
/** Text for one log line: redacted, neutralised, cut short, and never a workflow command. */
function safeLine(text) {
    const line = neutralise(redactor.redact(text))
        .replace(/##\[/g, '# #[')
        .replace(/^(\s*)::/, '$1: :');
    return line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}… (${line.length - MAX_LINE} more characters)` : line;
}
/** Control characters (line breaks, terminal escapes) and bidirectional controls, shown as escapes instead. */
function neutralise(text) {
    return text.replace(UNSAFE, (char) => char === '\n' ? '\\n' : char === '\r' ? '\\r' : `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

// EXTERNAL MODULE: ./node_modules/ajv/dist/ajv.js
var ajv = __webpack_require__(2463);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./src/engine/policy/problems.ts
/** Problems with a policy file, apart from its parser, so a face can tell them without loading it. */
/** A policy file that cannot be used: every problem found, each at its place. Nothing was sent. */
class PolicyError extends Error {
    file;
    problems;
    constructor(file, problems) {
        const first = problems[0];
        const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
        super(first
            ? `The policy file ${file} cannot be used: line ${first.line}, column ${first.column}: ${first.message}${more}`
            : `The policy file ${file} cannot be used`);
        this.file = file;
        this.problems = problems;
        this.name = 'PolicyError';
    }
}

// EXTERNAL MODULE: ./src/engine/closest.ts
var closest = __webpack_require__(2173);
;// CONCATENATED MODULE: ./src/engine/policy/schema.ts
/**
 * The policy file's format, version 1, as a JSON Schema: the source of the shipped
 * `policy.schema.json` (written by `npm run docs`, checked by CI) that editors use through a
 * `# yaml-language-server: $schema=` line, and of the action's own validation.
 */
/** Where the schema is published, for the `$schema` line of a file the export writes. */
const SCHEMA_URL = 'https://raw.githubusercontent.com/OWNER/sendgrid-enforced-tls-action/v1/policy.schema.json';
const POLICY_VERSION = 1;
/** The file's keys for the fields, as the action's inputs are named. */
const FIELD_KEYS = {
    require_tls: 'require-tls',
    require_valid_cert: 'require-valid-cert',
    version: 'min-version'
};
/**
 * A subuser's name, or a glob over names: printable, without spaces, within Latin-1, as the
 * `subuser` input takes it and as the on-behalf-of header can carry it. A space would let
 * `subuser: "account-id 1234567"` address a customer account disguised as a subuser.
 */
const NAME_PATTERN = '^[!-~\\u00a1-\\u00ac\\u00ae-\\u00ff]+$';
const fields = {
    'require-tls': {
        description: "Whether recipients' servers must support TLS; null leaves it unmanaged.",
        type: ['boolean', 'null']
    },
    'require-valid-cert': {
        description: "Whether recipients' servers must present a valid certificate; null leaves it unmanaged.",
        type: ['boolean', 'null']
    },
    'min-version': {
        description: "The minimum TLS version demanded of recipients' servers; null leaves it unmanaged.",
        enum: ['1.1', '1.2', '1.3', 1.1, 1.2, 1.3, null]
    }
};
const POLICY_SCHEMA = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: SCHEMA_URL,
    title: 'SendGrid Enforced TLS policy',
    description: 'What each SendGrid account, subuser and customer account must enforce. Read by the sendgrid-enforced-tls action and CLI.',
    type: 'object',
    additionalProperties: false,
    required: ['version', 'targets'],
    properties: {
        version: { description: 'The format of this file: 1.', const: POLICY_VERSION },
        default: {
            description: 'What every target must enforce unless an entry says otherwise.',
            type: 'object',
            additionalProperties: false,
            properties: fields
        },
        targets: {
            description: 'The targets, and what is different for them. A target is held to the default, then to every entry that matches it, in order, field by field: a later entry wins.',
            type: 'array',
            minItems: 1,
            items: {
                type: 'object',
                additionalProperties: false,
                oneOf: [{ required: ['parent'] }, { required: ['subuser'] }, { required: ['account-id'] }],
                dependencies: { expires: ['reason'], exclude: ['subuser'] },
                properties: {
                    parent: { description: "The key's own account.", const: true },
                    subuser: {
                        description: 'A subuser, or a glob over every subuser of the account: * matches any run of characters, ? one; \\*, \\? and \\\\ stand for the characters themselves.',
                        type: 'string',
                        minLength: 1,
                        maxLength: 256,
                        pattern: NAME_PATTERN
                    },
                    'account-id': {
                        description: 'A customer account ID.',
                        type: 'string',
                        pattern: '^[A-Za-z0-9_-]+$'
                    },
                    exclude: {
                        description: 'Subusers (names or globs) this entry does not match.',
                        type: 'array',
                        items: { type: 'string', minLength: 1, maxLength: 256, pattern: NAME_PATTERN }
                    },
                    ...fields,
                    reason: { description: 'Why this target is an exception: required with expires.', type: 'string', minLength: 1 },
                    expires: {
                        description: 'The last day (YYYY-MM-DD, UTC) this entry applies; after it, the run warns and holds the target to the rest.',
                        type: 'string',
                        pattern: '^\\d{4}-\\d{2}-\\d{2}$'
                    }
                }
            }
        }
    }
};

;// CONCATENATED MODULE: ./src/engine/policy/messages.ts


const KNOWN_KEYS = {
    root: ['version', 'default', 'targets'],
    default: Object.values(FIELD_KEYS),
    entry: ['parent', 'subuser', 'account-id', 'exclude', ...Object.values(FIELD_KEYS), 'reason', 'expires']
};
/** The schema's error, in the words of someone who edits the file. */
function describeSchemaError(error) {
    const where = describePath(error.instancePath);
    const params = error.params;
    const key = error.instancePath.split('/').at(-1) ?? '';
    switch (error.keyword) {
        case 'additionalProperties': {
            const name = String(params['additionalProperty']);
            const known = error.instancePath === '' ? KNOWN_KEYS.root : error.instancePath === '/default' ? KNOWN_KEYS.default : KNOWN_KEYS.entry;
            const nearest = name.length <= 64 ? (0,closest/* closest */.k)(name, known) : undefined;
            return `unknown key '${shorten(name)}' in ${where}${nearest ? `; did you mean '${nearest}'?` : ''} (known: ${known.join(', ')})`;
        }
        case 'required':
            if (params['missingProperty'] === 'version')
                return `version is required: start the file with version: ${POLICY_VERSION}`;
            if (params['missingProperty'] === 'targets')
                return 'targets is required: list the accounts this policy holds (parent: true, subuser, account-id)';
            return `${where} needs ${String(params['missingProperty'])}`;
        case 'oneOf':
            return `${where} must name one target: parent: true, subuser: <name or glob>, or account-id: <id>`;
        case 'dependencies':
            return params['property'] === 'expires'
                ? `${where} has expires but no reason: an exception that ends must say why it exists`
                : `${where}: exclude applies to a subuser entry (subuser: "*" or a glob)`;
        case 'const':
            return key === 'parent'
                ? `${where} must be true (leave the entry out to leave the parent account out)`
                : `${where} must be ${JSON.stringify(params['allowedValue'])}`;
        case 'enum':
            return `${where} must be "1.1", "1.2" or "1.3" (or null to leave it unmanaged)`;
        case 'type':
            return `${where} must be ${describeType(params['type'], key)}`;
        case 'pattern':
            return key === 'expires'
                ? `${where} must be a date written YYYY-MM-DD`
                : key === 'account-id'
                    ? `${where} may hold only letters, digits, - and _`
                    : `${where} must be a name of printable characters without spaces, within Latin-1 (what an on-behalf-of header can carry), as SendGrid usernames are`;
        case 'minItems':
            return `${where} lists nothing: name at least one target`;
        case 'minLength':
            return `${where} must not be empty`;
        case 'maxLength':
            return `${where} is longer than any SendGrid username (${String(params['limit'])} characters)`;
        default:
            return `${where} ${error.message ?? 'is not valid'}`;
    }
}
function describeType(type, key) {
    const types = Array.isArray(type) ? type : [type];
    if (types.includes('boolean'))
        return 'true or false (or null to leave it unmanaged)';
    if (key === 'account-id')
        return 'a quoted account ID, as "1234567": YAML may change an unquoted number (leading zeros, long numbers)';
    if (types.includes('array'))
        return 'a list';
    if (types.includes('object'))
        return 'a mapping of keys to values';
    return 'a string';
}
/** `targets[2].require-tls`: the path as a reader finds it in the file. */
function describePath(pointer) {
    if (pointer === '')
        return 'the file';
    return pointer
        .split('/')
        .slice(1)
        .map((segment) => (/^\d+$/.test(segment) ? `[${segment}]` : `.${shorten(segment.replace(/~1/g, '/').replace(/~0/g, '~'))}`))
        .join('')
        .replace(/^\./, '');
}
function shorten(text) {
    return text.length > 64 ? `${text.slice(0, 64)}…` : text;
}
/** The YAML parser's message without its code excerpt: the annotation shows the line itself. */
function yamlMessage(message) {
    return `not valid YAML: ${message.split('\n')[0] ?? message}`;
}

;// CONCATENATED MODULE: ./src/engine/policy/parse.ts
/**
 * A policy file's text -> a checked `PolicyDocument`, every value with the line and column it was
 * written at. All problems are found at once, each at its place, before anything is sent: a
 * reviewer fixes a file in one pass, not one error per run.
 */





/** Problems listed at most: past this, a file is not a policy with mistakes but something else. */
const MAX_PROBLEMS = 50;
function parsePolicy(text, file) {
    const lineCounter = new dist/* LineCounter */.HN();
    const document = (0,dist/* parseDocument */.Tp)(text, { lineCounter, prettyErrors: false, uniqueKeys: false, version: '1.2' });
    // The parser places an error at the end of the text past its last line: GitHub would not show an
    // annotation on a line the file does not have.
    const lines = Math.max(1, text.split('\n').length - (text.endsWith('\n') ? 1 : 0));
    const at = (offset) => {
        const { line, col } = lineCounter.linePos(offset);
        return line > lines ? { line: lines, column: 1 } : { line, column: col };
    };
    const problems = [];
    const problem = (position, message) => problems.push({ severity: 'error', file, ...position, message });
    for (const error of document.errors)
        problem(at(error.pos[0]), yamlMessage(error.message));
    // A %YAML 1.1 directive would make yes, no, on and off booleans again: the file is YAML 1.2.
    const directive = document.directives?.yaml;
    if (directive?.explicit && directive.version !== '1.2') {
        problem({ line: 1, column: 1 }, `a %YAML ${directive.version} directive: a policy file is read as YAML 1.2; remove the directive`);
    }
    // The parser's own check of repeated keys takes time that grows with the square of a mapping's
    // size: a megabyte of keys took minutes. This one is linear.
    for (const repeated of repeatedKeys(document))
        problem(at(repeated), 'not valid YAML: Map keys must be unique');
    if (problems.length > 0)
        throw new PolicyError(file, sorted(problems));
    let data;
    try {
        data = document.toJS({ maxAliasCount: 100 });
    }
    catch (error) {
        // An alias to nothing, or so many that they would multiply the data: the parser says which.
        const message = error instanceof Error ? error.message : String(error);
        const offset = aliasAtFault(document);
        const position = offset === undefined ? { line: 1, column: 1 } : at(offset);
        throw new PolicyError(file, [{ severity: 'error', file, ...position, message: yamlMessage(message) }]);
    }
    if (data === null || data === undefined) {
        throw new PolicyError(file, [
            { severity: 'error', file, line: 1, column: 1, message: `is empty: a policy file starts with version: ${POLICY_VERSION}` }
        ]);
    }
    const locate = new Locator(document, at);
    // An unknown version is another format: its other keys cannot be judged by this one's rules.
    const version = typeof data === 'object' && !Array.isArray(data) ? data['version'] : undefined;
    if (version !== undefined && version !== POLICY_VERSION) {
        problem(locate.value(['version']), `unknown version ${JSON.stringify(version)}: this release reads version ${POLICY_VERSION}; a newer format needs a newer release of the action`);
        throw new PolicyError(file, problems);
    }
    // Placed and worded: only as many as are shown (a file of a hundred thousand unknown keys has as
    // many errors, and placing each one scans its mapping).
    for (const error of validate(data).slice(0, 4 * MAX_PROBLEMS))
        problem(locate.error(error), describeSchemaError(error));
    // Beside the schema's problems, not after them: every problem comes in one pass.
    checkDates(data, locate, problem);
    if (problems.length > 0)
        throw new PolicyError(file, sorted(problems));
    return build(data, file, locate);
}
/** In the order a reader meets them in the file, not the parser's or the schema's; as many as are shown. */
function sorted(problems) {
    return problems.sort((a, b) => a.line - b.line || a.column - b.column).slice(0, MAX_PROBLEMS);
}
/** Where the alias to nothing is, or else the first alias: the parser's error about aliases says neither. */
function aliasAtFault(document) {
    let first;
    let unresolved;
    (0,dist/* visit */.YR)(document, {
        Alias(_, alias) {
            first ??= alias.range?.[0];
            if (unresolved === undefined && alias.resolve(document) === undefined)
                unresolved = alias.range?.[0];
        }
    });
    return unresolved ?? first;
}
/** Where each key that repeats an earlier one of the same mapping starts. */
function repeatedKeys(document) {
    const offsets = [];
    (0,dist/* visit */.YR)(document, {
        Map(_, map) {
            const seen = new Set();
            for (const { key } of map.items) {
                const name = (0,dist/* isScalar */.jn)(key) ? key.value : key;
                if (seen.has(name) && (0,dist/* isScalar */.jn)(key) && key.range)
                    offsets.push(key.range[0]);
                seen.add(name);
            }
        }
    });
    return offsets;
}
let validator;
/** Every schema error at once; the compiled validator is kept for the next file. */
function validate(data) {
    validator ??= new ajv.Ajv({ allErrors: true, strict: false }).compile(POLICY_SCHEMA);
    validator(data);
    const errors = validator.errors ?? [];
    // A oneOf that fails is one problem, not one per branch: its branches' own errors are noise.
    return errors.filter((error) => !/\/oneOf\/\d+\//.test(error.schemaPath));
}
/** The schema checks the shape of a date; the calendar checks the day. */
function checkDates(data, locate, problem) {
    const targets = data.targets;
    if (!Array.isArray(targets))
        return;
    targets.forEach((entry, index) => {
        const expires = entry?.expires;
        // One that is not even shaped like a date is the schema's to report.
        if (typeof expires === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(expires) && !isRealDate(expires)) {
            problem(locate.value(['targets', index, 'expires']), `targets[${index}].expires is ${expires}, which is not a day of the calendar`);
        }
    });
}
function isRealDate(text) {
    const date = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}
function build(data, file, locate) {
    const fieldsOf = (raw, path) => {
        const fields = {};
        if (!raw)
            return fields;
        for (const [field, key] of Object.entries(FIELD_KEYS)) {
            const value = raw[key];
            if (value === undefined)
                continue;
            const position = locate.key([...path, key]);
            if (field === 'version')
                fields.version = { ...position, value: value === null ? null : Number(value) };
            else
                fields[field] = { ...position, value: value };
        }
        return fields;
    };
    const entries = (data.targets ?? []).map((raw, index) => {
        const path = ['targets', index];
        const selector = raw.parent === true
            ? { kind: 'parent' }
            : raw.subuser !== undefined
                ? { kind: 'subuser', pattern: raw.subuser }
                : { kind: 'account', id: String(raw['account-id']) };
        const entry = { ...locate.value(path), selector, exclude: raw.exclude ?? [], fields: fieldsOf(raw, path) };
        if (raw.reason !== undefined)
            entry.reason = raw.reason;
        if (raw.expires !== undefined)
            entry.expires = { ...locate.value([...path, 'expires']), value: raw.expires };
        return entry;
    });
    const document = { file, default: fieldsOf(data.default, ['default']), entries };
    if (data.default)
        document.defaultAt = locate.key(['default']);
    return document;
}
/** Finds where a value, or its key, is written. */
class Locator {
    document;
    at;
    constructor(document, at) {
        this.document = document;
        this.at = at;
    }
    value(path) {
        return this.position(this.document.getIn(path, true)) ?? this.value(path.slice(0, -1));
    }
    /** The key of a mapping's entry: the line a reader looks for. */
    key(path) {
        const parent = this.document.getIn(path.slice(0, -1), true);
        const name = path.at(-1);
        if ((0,dist/* isMap */.jh)(parent)) {
            const pair = parent.items.find((item) => (0,dist/* isScalar */.jn)(item.key) && item.key.value === name);
            const found = this.position(pair?.key);
            if (found)
                return found;
        }
        return this.value(path);
    }
    error(error) {
        const path = error.instancePath
            .split('/')
            .slice(1)
            .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
            .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
        const extra = error.params;
        if (error.keyword === 'additionalProperties' && extra.additionalProperty !== undefined)
            return this.key([...path, extra.additionalProperty]);
        return path.length === 0 ? { line: 1, column: 1 } : this.value(path);
    }
    position(node) {
        const offset = node?.range?.[0];
        return offset === undefined ? undefined : this.at(offset);
    }
}

;// CONCATENATED MODULE: ./src/engine/policy/load.ts





/** A policy for thousands of targets is far below this; past it, the file is something else. */
const MAX_POLICY_BYTES = 1024 * 1024;
/** Reads the policy file the user named. `refuse` words a problem as the face names the setting. */
async function loadPolicy(path, place, refuse) {
    const workspace = place.dir;
    const named = (0,external_node_path_.resolve)(workspace, path);
    const shown = safeLine(path);
    let real;
    let root;
    try {
        root = await (0,promises_.realpath)(workspace);
        real = await (0,promises_.realpath)(named);
    }
    catch {
        throw refuse(`names ${shown}, which does not exist in ${place.name} (${safeLine(workspace)})`);
    }
    if (place.confined && real === root)
        throw refuse(`names ${shown}, which is ${place.name}, not a file in it`);
    if (place.confined && !inside(root, real)) {
        const how = (await (0,promises_.lstat)(named)).isSymbolicLink() ? 'leads, through a symbolic link,' : 'is';
        throw refuse(`names ${shown}, which ${how} outside ${place.name} (${safeLine(workspace)}): keep the policy file in it`);
    }
    let text;
    try {
        text = await readSmallFile(real, MAX_POLICY_BYTES, 'a policy');
    }
    catch (error) {
        throw error instanceof UnreadableFile ? refuse(`names ${shown}, which ${error.message}`) : error;
    }
    // Annotations name a file relative to the repository's root, with forward slashes.
    const file = (0,external_node_path_.relative)(workspace, named).split(external_node_path_.sep).join('/');
    return parsePolicy(text.replace(/^\uFEFF/, ''), file);
}
function inside(root, path) {
    const rel = (0,external_node_path_.relative)(root, path);
    return rel !== '' && !rel.startsWith('..') && !(0,external_node_path_.isAbsolute)(rel);
}


/***/ })

};
