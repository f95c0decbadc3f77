export const id = 687;
export const ids = [687];
export const modules = {

/***/ 8687:
/***/ (function (__unused_webpack_module, __webpack_exports__, __webpack_require__) {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   exportRun: () => (/* binding */ exportRun),
/* harmony export */   writeExportFile: () => (/* binding */ writeExportFile)
/* harmony export */ });
/* unused harmony export exportPolicy */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _core_guard_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2958);
/* harmony import */ var _core_product_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(4140);
/* harmony import */ var _settings_names_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8886);
/* harmony import */ var _core_target_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4294);
/* harmony import */ var _core_tls_setting_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3963);
/* harmony import */ var _glob_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(6339);
/* harmony import */ var _schema_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(5986);
/**
 * Import for a team adopting the action: a policy file that holds every target read to what it
 * has today, so the first reviewed file is a true picture, not a guess. Read back, it verifies
 * as compliant; from there, pull requests move it.
 */









function exportPolicy(outcomes, source, header) {
    const unpinned = [];
    const read = outcomes.filter((o) => {
        // A name SendGrid listed that no policy file may hold (a space, a character past Latin-1): never
        // read either, and the name says why better than "not read".
        if (o.target.kind === 'subuser' && !(0,_core_target_js__WEBPACK_IMPORTED_MODULE_4__/* .isUsername */ .fH)(o.target.username))
            unpinned.push({ target: o.target, why: 'a name a policy file cannot hold' });
        else if (o.prior === undefined || o.error)
            unpinned.push({ target: o.target, why: 'not read' });
        else
            return true;
        return false;
    });
    const fallback = mostCommon(read.map((o) => o.prior));
    const entries = selectionEntries(source);
    for (const { target, prior } of read) {
        const fields = fallback ? differing(prior, fallback) : prior;
        if (Object.keys(fields).length === 0)
            continue;
        const selector = selectorOf(target);
        // A target the selection names by itself carries its own fields; one found by a glob gets an entry.
        const named = entries.find((e) => !e.fields && !e.exclude && sameSelector(e.selector, selector));
        if (named)
            named.fields = fields;
        else
            entries.push({ selector, fields });
    }
    const lines = [
        `# yaml-language-server: $schema=${_schema_js__WEBPACK_IMPORTED_MODULE_6__/* .SCHEMA_URL */ .cZ}`,
        ...header.split('\n').map((line) => `# ${line}`),
        `version: ${_schema_js__WEBPACK_IMPORTED_MODULE_6__/* .POLICY_VERSION */ .Ky}`
    ];
    if (fallback)
        lines.push('default:', ...fieldLines(fallback, '  '));
    lines.push('targets:');
    for (const entry of entries)
        lines.push(...entryLines(entry));
    const after = fallback ? 'it is held to the default above, if it is selected' : 'no entry here holds it';
    for (const { target, why } of unpinned) {
        // Described, not quoted as a name: "parent" would read as a subuser's.
        lines.push(`  # ${(0,_core_guard_js__WEBPACK_IMPORTED_MODULE_2__/* .neutralise */ .$0)((0,_core_target_js__WEBPACK_IMPORTED_MODULE_4__/* .describeTarget */ .ff)(target))}: ${why}, so not pinned here; ${after}`);
    }
    return { text: `${lines.join('\n')}\n`, pinned: read.length, unpinned };
}
/** The entries that chose the targets, without what they set: the selection survives the export. */
function selectionEntries(source) {
    if ('document' in source) {
        const entries = [];
        for (const { selector, exclude } of source.document.entries) {
            if (entries.some((e) => sameSelector(e.selector, selector) && sameList(e.exclude ?? [], exclude)))
                continue;
            entries.push(exclude.length > 0 ? { selector, exclude } : { selector });
        }
        return entries;
    }
    const { selection } = source;
    const nothingNamed = selection.subusers.length === 0 && selection.accounts.length === 0 && !selection.allSubusers;
    return [
        ...(selection.includeParent || nothingNamed ? [{ selector: { kind: 'parent' } }] : []),
        ...(selection.allSubusers ? [{ selector: { kind: 'subuser', pattern: '*' } }] : []),
        ...[...new Set(selection.subusers)].map((name) => ({ selector: { kind: 'subuser', pattern: (0,_glob_js__WEBPACK_IMPORTED_MODULE_7__/* .escapeGlob */ .yk)(name) } })),
        ...[...new Set(selection.accounts)].map((id) => ({ selector: { kind: 'account', id } }))
    ];
}
function selectorOf(target) {
    switch (target.kind) {
        case 'parent':
            return { kind: 'parent' };
        case 'subuser':
            // A name, never a glob: `prod*` written as it is would hold every subuser it matches.
            return { kind: 'subuser', pattern: (0,_glob_js__WEBPACK_IMPORTED_MODULE_7__/* .escapeGlob */ .yk)(target.username) };
        case 'account':
            return { kind: 'account', id: target.id };
    }
}
function sameSelector(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
}
function sameList(a, b) {
    return a.length === b.length && a.every((item, index) => item === b[index]);
}
/** The setting most targets have: the default that leaves the fewest entries. Ties go to the first read. */
function mostCommon(settings) {
    const counts = new Map();
    for (const setting of settings) {
        const key = _core_tls_setting_js__WEBPACK_IMPORTED_MODULE_5__/* .FIELDS */ .cJ.map((field) => (0,_core_tls_setting_js__WEBPACK_IMPORTED_MODULE_5__/* .formatValue */ .Fl)(field, setting[field])).join('/');
        const seen = counts.get(key) ?? { setting, count: 0 };
        seen.count += 1;
        counts.set(key, seen);
    }
    let best;
    for (const candidate of counts.values())
        if (!best || candidate.count > best.count)
            best = candidate;
    return best?.setting;
}
function differing(setting, fallback) {
    return Object.fromEntries(_core_tls_setting_js__WEBPACK_IMPORTED_MODULE_5__/* .FIELDS */ .cJ.filter((field) => setting[field] !== fallback[field]).map((field) => [field, setting[field]]));
}
function entryLines({ selector, exclude, fields }) {
    const first = selector.kind === 'parent'
        ? '  - parent: true'
        : selector.kind === 'subuser'
            ? `  - subuser: ${quote(selector.pattern)}`
            : `  - account-id: ${quote(selector.id)}`;
    return [first, ...(exclude ? [`    exclude: [${exclude.map(quote).join(', ')}]`] : []), ...fieldLines(fields ?? {}, '    ')];
}
function fieldLines(fields, indent) {
    return _core_tls_setting_js__WEBPACK_IMPORTED_MODULE_5__/* .FIELDS */ .cJ.filter((field) => fields[field] !== undefined).map((field) => {
        const value = fields[field];
        return `${indent}${_schema_js__WEBPACK_IMPORTED_MODULE_6__/* .FIELD_KEYS */ .WM[field]}: ${field === 'version' ? quote((0,_core_tls_setting_js__WEBPACK_IMPORTED_MODULE_5__/* .formatValue */ .Fl)(field, value)) : String(value)}`;
    });
}
/**
 * A double-quoted scalar: JSON's escapes are YAML's, so any name SendGrid lists (quotes,
 * backslashes, `#`, `: `, a leading `*`) reads back as itself and never as YAML syntax.
 */
function quote(text) {
    // JSON leaves bidirectional and invisible marks as they are: escaped, a reviewer sees them.
    return (0,_core_guard_js__WEBPACK_IMPORTED_MODULE_2__/* .neutralise */ .$0)(JSON.stringify(text));
}
/** Writes an export where a face was told to, a missing folder made: the one writer both faces use. */
async function writeExportFile(file, exported) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(file), { recursive: true });
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(file, (0,_core_guard_js__WEBPACK_IMPORTED_MODULE_2__/* .safe */ .gB)(exported.text));
}
/** The export of a run, as either face writes it: headed with what made it and on which day (the run's clock's). */
function exportRun(outcomes, settings, today, vocabulary) {
    const source = settings.policy ? { document: settings.policy } : { selection: settings.selection };
    const header = [
        `Exported by ${_core_product_js__WEBPACK_IMPORTED_MODULE_8__/* .PRODUCT_NAME */ .K} ${_core_product_js__WEBPACK_IMPORTED_MODULE_8__/* .PRODUCT_VERSION */ .v} on ${today}: each target's Enforced TLS as it was read, pinned.`,
        `Review it, keep it in the repository, and give it as ${vocabulary.name(_settings_names_js__WEBPACK_IMPORTED_MODULE_3__/* .SettingName */ .Ou.PolicyFile)}: verify then holds every target to it.`
    ].join('\n');
    return exportPolicy(outcomes, source, header);
}


/***/ }),

/***/ 5986:
/***/ (function (__unused_webpack_module, __webpack_exports__, __webpack_require__) {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ky: () => (/* binding */ POLICY_VERSION),
/* harmony export */   WM: () => (/* binding */ FIELD_KEYS),
/* harmony export */   cZ: () => (/* binding */ SCHEMA_URL)
/* harmony export */ });
/* unused harmony exports POLICY_SCHEMA, VALIDATOR_OPTIONS */
/* harmony import */ var _core_target_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4294);
/* harmony import */ var _settings_names_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8886);
/**
 * The policy file's format, version 1, as a JSON Schema: the source of the shipped
 * `policy.schema.json` (written by `npm run docs`, checked by CI) that editors use through a
 * `# yaml-language-server: $schema=` line, and of the action's own validation.
 */


/**
 * Where the schema is published, for the `$schema` line of a file the export writes: the npm
 * package's own copy, served by jsDelivr, so the URL resolves without naming the repository's
 * owner, and `@1` follows the newest 1.x release (a new format is a new major version).
 */
const SCHEMA_URL = 'https://cdn.jsdelivr.net/npm/sendgrid-enforced-tls@1/policy.schema.json';
const POLICY_VERSION = 1;
/** The file's keys for the fields: the settings' own names. */
const FIELD_KEYS = _settings_names_js__WEBPACK_IMPORTED_MODULE_1__/* .FIELD_SETTINGS */ .lo;
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
                        maxLength: _core_target_js__WEBPACK_IMPORTED_MODULE_0__/* .MAX_USERNAME_LENGTH */ .Tk,
                        pattern: _core_target_js__WEBPACK_IMPORTED_MODULE_0__/* .USERNAME_PATTERN */ .g7
                    },
                    'account-id': {
                        description: 'A customer account ID.',
                        type: 'string',
                        pattern: '^[A-Za-z0-9_-]+$'
                    },
                    exclude: {
                        description: 'Subusers (names or globs) this entry does not match.',
                        type: 'array',
                        items: { type: 'string', minLength: 1, maxLength: _core_target_js__WEBPACK_IMPORTED_MODULE_0__/* .MAX_USERNAME_LENGTH */ .Tk, pattern: _core_target_js__WEBPACK_IMPORTED_MODULE_0__/* .USERNAME_PATTERN */ .g7 }
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
/** How ajv compiles the schema (ahead of time, by `npm run docs`): every error at once, as a file's author wants them. */
const VALIDATOR_OPTIONS = { allErrors: true, strict: false };


/***/ })

};

//# sourceMappingURL=687.index.js.map