export const id = 653;
export const ids = [653];
export const modules = {

/***/ 2653:
/***/ (function (__unused_webpack_module, __webpack_exports__, __webpack_require__) {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  loadPolicy: () => (/* binding */ loadPolicy)
});

// UNUSED EXPORTS: MAX_POLICY_BYTES

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/core/file.ts + 1 modules
var core_file = __webpack_require__(9398);
// EXTERNAL MODULE: ./src/core/guard.ts
var guard = __webpack_require__(2958);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/engine/policy/problems.ts
var policy_problems = __webpack_require__(6701);
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

// EXTERNAL MODULE: ./src/core/target.ts
var target = __webpack_require__(4294);
// EXTERNAL MODULE: ./src/engine/policy/schema.ts
var schema = __webpack_require__(5986);
;// CONCATENATED MODULE: ./src/engine/policy/messages.ts



const KNOWN_KEYS = {
    root: ['version', 'default', 'targets'],
    default: Object.values(schema/* FIELD_KEYS */.WM),
    entry: ['parent', 'subuser', 'account-id', 'exclude', ...Object.values(schema/* FIELD_KEYS */.WM), 'reason', 'expires']
};
function formatOf(file) {
    return /\.json$/i.test(file) ? 'JSON' : 'YAML';
}
/** The schema's error, in the words of someone who edits the file. */
function describeSchemaError(error, format) {
    const where = describePath(error.instancePath);
    const params = error.params;
    const key = error.instancePath.split('/').at(-1) ?? '';
    switch (error.keyword) {
        case 'additionalProperties': {
            const name = String(params['additionalProperty']);
            const known = error.instancePath === '' ? KNOWN_KEYS.root : error.instancePath === '/default' ? KNOWN_KEYS.default : KNOWN_KEYS.entry;
            const nearest = name.length <= 64 ? closest(name, known) : undefined;
            return `unknown key '${shorten(name)}' in ${where}${nearest ? `; did you mean '${nearest}'?` : ''} (known: ${known.join(', ')})`;
        }
        case 'required':
            if (params['missingProperty'] === 'version')
                return `version is required: start the file with version: ${schema/* POLICY_VERSION */.Ky}`;
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
            return `${where} must be ${describeType(params['type'], key, format)}`;
        case 'pattern':
            return key === 'expires'
                ? `${where} must be a date written YYYY-MM-DD`
                : key === 'account-id'
                    ? `${where} may hold only letters, digits, - and _`
                    : `${where} must be a name of ${target/* USERNAME_RULE */.CO} (what an on-behalf-of header can carry), as SendGrid usernames are`;
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
function describeType(type, key, format) {
    const types = Array.isArray(type) ? type : [type];
    if (types.includes('boolean'))
        return 'true or false (or null to leave it unmanaged)';
    if (key === 'account-id')
        return `a quoted account ID, as "1234567": ${format} may change an unquoted number (leading zeros, long numbers)`;
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
/** The parser's message without its code excerpt: the annotation shows the line itself. */
function syntaxMessage(format, message) {
    return `not valid ${format}: ${message.split('\n')[0] ?? message}`;
}
/** A key given again in one mapping, as an editor of each format words it. */
function repeatedKeyMessage(format) {
    return syntaxMessage(format, format === 'JSON' ? 'Duplicate object key' : 'Map keys must be unique');
}

// EXTERNAL MODULE: ./node_modules/ajv/dist/runtime/ucs2length.js
var ucs2length = __webpack_require__(6214);
;// CONCATENATED MODULE: ./src/engine/policy/validator.generated.ts
// Generated by `npm run docs` from src/engine/policy/schema.ts with ajv (standalone code): do not edit.
/* eslint-disable */
// @ts-nocheck

const validator_generated_ucs2length = ucs2length/* default.default */.A["default"] ?? ucs2length/* default */.A;
const validate = (/* unused pure expression or super */ null && (validate10));
/* harmony default export */ const validator_generated = (validate10);
const schema11 = { "$schema": "http://json-schema.org/draft-07/schema#", "$id": "https://cdn.jsdelivr.net/npm/sendgrid-enforced-tls@1/policy.schema.json", "title": "SendGrid Enforced TLS policy", "description": "What each SendGrid account, subuser and customer account must enforce. Read by the sendgrid-enforced-tls action and CLI.", "type": "object", "additionalProperties": false, "required": ["version", "targets"], "properties": { "version": { "description": "The format of this file: 1.", "const": 1 }, "default": { "description": "What every target must enforce unless an entry says otherwise.", "type": "object", "additionalProperties": false, "properties": { "require-tls": { "description": "Whether recipients' servers must support TLS; null leaves it unmanaged.", "type": ["boolean", "null"] }, "require-valid-cert": { "description": "Whether recipients' servers must present a valid certificate; null leaves it unmanaged.", "type": ["boolean", "null"] }, "min-version": { "description": "The minimum TLS version demanded of recipients' servers; null leaves it unmanaged.", "enum": ["1.1", "1.2", "1.3", 1.1, 1.2, 1.3, null] } } }, "targets": { "description": "The targets, and what is different for them. A target is held to the default, then to every entry that matches it, in order, field by field: a later entry wins.", "type": "array", "minItems": 1, "items": { "type": "object", "additionalProperties": false, "oneOf": [{ "required": ["parent"] }, { "required": ["subuser"] }, { "required": ["account-id"] }], "dependencies": { "expires": ["reason"], "exclude": ["subuser"] }, "properties": { "parent": { "description": "The key's own account.", "const": true }, "subuser": { "description": "A subuser, or a glob over every subuser of the account: * matches any run of characters, ? one; \\*, \\? and \\\\ stand for the characters themselves.", "type": "string", "minLength": 1, "maxLength": 256, "pattern": "^[!-~\\u00a1-\\u00ac\\u00ae-\\u00ff]+$" }, "account-id": { "description": "A customer account ID.", "type": "string", "pattern": "^[A-Za-z0-9_-]+$" }, "exclude": { "description": "Subusers (names or globs) this entry does not match.", "type": "array", "items": { "type": "string", "minLength": 1, "maxLength": 256, "pattern": "^[!-~\\u00a1-\\u00ac\\u00ae-\\u00ff]+$" } }, "require-tls": { "description": "Whether recipients' servers must support TLS; null leaves it unmanaged.", "type": ["boolean", "null"] }, "require-valid-cert": { "description": "Whether recipients' servers must present a valid certificate; null leaves it unmanaged.", "type": ["boolean", "null"] }, "min-version": { "description": "The minimum TLS version demanded of recipients' servers; null leaves it unmanaged.", "enum": ["1.1", "1.2", "1.3", 1.1, 1.2, 1.3, null] }, "reason": { "description": "Why this target is an exception: required with expires.", "type": "string", "minLength": 1 }, "expires": { "description": "The last day (YYYY-MM-DD, UTC) this entry applies; after it, the run warns and holds the target to the rest.", "type": "string", "pattern": "^\\d{4}-\\d{2}-\\d{2}$" } } } } } };
const func2 = Object.prototype.hasOwnProperty;
const func3 = validator_generated_ucs2length;
const pattern0 = new RegExp("^[!-~\\u00a1-\\u00ac\\u00ae-\\u00ff]+$", "u");
const pattern1 = new RegExp("^[A-Za-z0-9_-]+$", "u");
const pattern3 = new RegExp("^\\d{4}-\\d{2}-\\d{2}$", "u");
function validate10(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
    ;
    let vErrors = null;
    let errors = 0;
    if (data && typeof data == "object" && !Array.isArray(data)) {
        if (data.version === undefined) {
            const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "version" }, message: "must have required property '" + "version" + "'" };
            if (vErrors === null) {
                vErrors = [err0];
            }
            else {
                vErrors.push(err0);
            }
            errors++;
        }
        if (data.targets === undefined) {
            const err1 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "targets" }, message: "must have required property '" + "targets" + "'" };
            if (vErrors === null) {
                vErrors = [err1];
            }
            else {
                vErrors.push(err1);
            }
            errors++;
        }
        for (const key0 in data) {
            if (!(((key0 === "version") || (key0 === "default")) || (key0 === "targets"))) {
                const err2 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties" };
                if (vErrors === null) {
                    vErrors = [err2];
                }
                else {
                    vErrors.push(err2);
                }
                errors++;
            }
        }
        if (data.version !== undefined) {
            if (1 !== data.version) {
                const err3 = { instancePath: instancePath + "/version", schemaPath: "#/properties/version/const", keyword: "const", params: { allowedValue: 1 }, message: "must be equal to constant" };
                if (vErrors === null) {
                    vErrors = [err3];
                }
                else {
                    vErrors.push(err3);
                }
                errors++;
            }
        }
        if (data.default !== undefined) {
            let data1 = data.default;
            if (data1 && typeof data1 == "object" && !Array.isArray(data1)) {
                for (const key1 in data1) {
                    if (!(((key1 === "require-tls") || (key1 === "require-valid-cert")) || (key1 === "min-version"))) {
                        const err4 = { instancePath: instancePath + "/default", schemaPath: "#/properties/default/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key1 }, message: "must NOT have additional properties" };
                        if (vErrors === null) {
                            vErrors = [err4];
                        }
                        else {
                            vErrors.push(err4);
                        }
                        errors++;
                    }
                }
                if (data1["require-tls"] !== undefined) {
                    let data2 = data1["require-tls"];
                    if ((typeof data2 !== "boolean") && (data2 !== null)) {
                        const err5 = { instancePath: instancePath + "/default/require-tls", schemaPath: "#/properties/default/properties/require-tls/type", keyword: "type", params: { type: schema11.properties.default.properties["require-tls"].type }, message: "must be boolean,null" };
                        if (vErrors === null) {
                            vErrors = [err5];
                        }
                        else {
                            vErrors.push(err5);
                        }
                        errors++;
                    }
                }
                if (data1["require-valid-cert"] !== undefined) {
                    let data3 = data1["require-valid-cert"];
                    if ((typeof data3 !== "boolean") && (data3 !== null)) {
                        const err6 = { instancePath: instancePath + "/default/require-valid-cert", schemaPath: "#/properties/default/properties/require-valid-cert/type", keyword: "type", params: { type: schema11.properties.default.properties["require-valid-cert"].type }, message: "must be boolean,null" };
                        if (vErrors === null) {
                            vErrors = [err6];
                        }
                        else {
                            vErrors.push(err6);
                        }
                        errors++;
                    }
                }
                if (data1["min-version"] !== undefined) {
                    let data4 = data1["min-version"];
                    if (!(((((((data4 === "1.1") || (data4 === "1.2")) || (data4 === "1.3")) || (data4 === 1.1)) || (data4 === 1.2)) || (data4 === 1.3)) || (data4 === null))) {
                        const err7 = { instancePath: instancePath + "/default/min-version", schemaPath: "#/properties/default/properties/min-version/enum", keyword: "enum", params: { allowedValues: schema11.properties.default.properties["min-version"].enum }, message: "must be equal to one of the allowed values" };
                        if (vErrors === null) {
                            vErrors = [err7];
                        }
                        else {
                            vErrors.push(err7);
                        }
                        errors++;
                    }
                }
            }
            else {
                const err8 = { instancePath: instancePath + "/default", schemaPath: "#/properties/default/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                if (vErrors === null) {
                    vErrors = [err8];
                }
                else {
                    vErrors.push(err8);
                }
                errors++;
            }
        }
        if (data.targets !== undefined) {
            let data5 = data.targets;
            if (Array.isArray(data5)) {
                if (data5.length < 1) {
                    const err9 = { instancePath: instancePath + "/targets", schemaPath: "#/properties/targets/minItems", keyword: "minItems", params: { limit: 1 }, message: "must NOT have fewer than 1 items" };
                    if (vErrors === null) {
                        vErrors = [err9];
                    }
                    else {
                        vErrors.push(err9);
                    }
                    errors++;
                }
                const len0 = data5.length;
                for (let i0 = 0; i0 < len0; i0++) {
                    let data6 = data5[i0];
                    const _errs15 = errors;
                    let valid4 = false;
                    let passing0 = null;
                    const _errs16 = errors;
                    if (data6 && typeof data6 == "object" && !Array.isArray(data6)) {
                        if (data6.parent === undefined) {
                            const err10 = { instancePath: instancePath + "/targets/" + i0, schemaPath: "#/properties/targets/items/oneOf/0/required", keyword: "required", params: { missingProperty: "parent" }, message: "must have required property '" + "parent" + "'" };
                            if (vErrors === null) {
                                vErrors = [err10];
                            }
                            else {
                                vErrors.push(err10);
                            }
                            errors++;
                        }
                    }
                    var _valid0 = _errs16 === errors;
                    if (_valid0) {
                        valid4 = true;
                        passing0 = 0;
                    }
                    const _errs17 = errors;
                    if (data6 && typeof data6 == "object" && !Array.isArray(data6)) {
                        if (data6.subuser === undefined) {
                            const err11 = { instancePath: instancePath + "/targets/" + i0, schemaPath: "#/properties/targets/items/oneOf/1/required", keyword: "required", params: { missingProperty: "subuser" }, message: "must have required property '" + "subuser" + "'" };
                            if (vErrors === null) {
                                vErrors = [err11];
                            }
                            else {
                                vErrors.push(err11);
                            }
                            errors++;
                        }
                    }
                    var _valid0 = _errs17 === errors;
                    if (_valid0 && valid4) {
                        valid4 = false;
                        passing0 = [passing0, 1];
                    }
                    else {
                        if (_valid0) {
                            valid4 = true;
                            passing0 = 1;
                        }
                        const _errs18 = errors;
                        if (data6 && typeof data6 == "object" && !Array.isArray(data6)) {
                            if (data6["account-id"] === undefined) {
                                const err12 = { instancePath: instancePath + "/targets/" + i0, schemaPath: "#/properties/targets/items/oneOf/2/required", keyword: "required", params: { missingProperty: "account-id" }, message: "must have required property '" + "account-id" + "'" };
                                if (vErrors === null) {
                                    vErrors = [err12];
                                }
                                else {
                                    vErrors.push(err12);
                                }
                                errors++;
                            }
                        }
                        var _valid0 = _errs18 === errors;
                        if (_valid0 && valid4) {
                            valid4 = false;
                            passing0 = [passing0, 2];
                        }
                        else {
                            if (_valid0) {
                                valid4 = true;
                                passing0 = 2;
                            }
                        }
                    }
                    if (!valid4) {
                        const err13 = { instancePath: instancePath + "/targets/" + i0, schemaPath: "#/properties/targets/items/oneOf", keyword: "oneOf", params: { passingSchemas: passing0 }, message: "must match exactly one schema in oneOf" };
                        if (vErrors === null) {
                            vErrors = [err13];
                        }
                        else {
                            vErrors.push(err13);
                        }
                        errors++;
                    }
                    else {
                        errors = _errs15;
                        if (vErrors !== null) {
                            if (_errs15) {
                                vErrors.length = _errs15;
                            }
                            else {
                                vErrors = null;
                            }
                        }
                    }
                    if (data6 && typeof data6 == "object" && !Array.isArray(data6)) {
                        for (const key2 in data6) {
                            if (!(func2.call(schema11.properties.targets.items.properties, key2))) {
                                const err14 = { instancePath: instancePath + "/targets/" + i0, schemaPath: "#/properties/targets/items/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key2 }, message: "must NOT have additional properties" };
                                if (vErrors === null) {
                                    vErrors = [err14];
                                }
                                else {
                                    vErrors.push(err14);
                                }
                                errors++;
                            }
                        }
                        if (data6.expires !== undefined) {
                            if (data6.reason === undefined) {
                                const err15 = { instancePath: instancePath + "/targets/" + i0, schemaPath: "#/properties/targets/items/dependencies", keyword: "dependencies", params: { property: "expires",
                                        missingProperty: "reason",
                                        depsCount: 1,
                                        deps: "reason" }, message: "must have property reason when property expires is present" };
                                if (vErrors === null) {
                                    vErrors = [err15];
                                }
                                else {
                                    vErrors.push(err15);
                                }
                                errors++;
                            }
                        }
                        if (data6.exclude !== undefined) {
                            if (data6.subuser === undefined) {
                                const err16 = { instancePath: instancePath + "/targets/" + i0, schemaPath: "#/properties/targets/items/dependencies", keyword: "dependencies", params: { property: "exclude",
                                        missingProperty: "subuser",
                                        depsCount: 1,
                                        deps: "subuser" }, message: "must have property subuser when property exclude is present" };
                                if (vErrors === null) {
                                    vErrors = [err16];
                                }
                                else {
                                    vErrors.push(err16);
                                }
                                errors++;
                            }
                        }
                        if (data6.parent !== undefined) {
                            if (true !== data6.parent) {
                                const err17 = { instancePath: instancePath + "/targets/" + i0 + "/parent", schemaPath: "#/properties/targets/items/properties/parent/const", keyword: "const", params: { allowedValue: true }, message: "must be equal to constant" };
                                if (vErrors === null) {
                                    vErrors = [err17];
                                }
                                else {
                                    vErrors.push(err17);
                                }
                                errors++;
                            }
                        }
                        if (data6.subuser !== undefined) {
                            let data8 = data6.subuser;
                            if (typeof data8 === "string") {
                                if (func3(data8) > 256) {
                                    const err18 = { instancePath: instancePath + "/targets/" + i0 + "/subuser", schemaPath: "#/properties/targets/items/properties/subuser/maxLength", keyword: "maxLength", params: { limit: 256 }, message: "must NOT have more than 256 characters" };
                                    if (vErrors === null) {
                                        vErrors = [err18];
                                    }
                                    else {
                                        vErrors.push(err18);
                                    }
                                    errors++;
                                }
                                if (func3(data8) < 1) {
                                    const err19 = { instancePath: instancePath + "/targets/" + i0 + "/subuser", schemaPath: "#/properties/targets/items/properties/subuser/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                                    if (vErrors === null) {
                                        vErrors = [err19];
                                    }
                                    else {
                                        vErrors.push(err19);
                                    }
                                    errors++;
                                }
                                if (!pattern0.test(data8)) {
                                    const err20 = { instancePath: instancePath + "/targets/" + i0 + "/subuser", schemaPath: "#/properties/targets/items/properties/subuser/pattern", keyword: "pattern", params: { pattern: "^[!-~\\u00a1-\\u00ac\\u00ae-\\u00ff]+$" }, message: "must match pattern \"" + "^[!-~\\u00a1-\\u00ac\\u00ae-\\u00ff]+$" + "\"" };
                                    if (vErrors === null) {
                                        vErrors = [err20];
                                    }
                                    else {
                                        vErrors.push(err20);
                                    }
                                    errors++;
                                }
                            }
                            else {
                                const err21 = { instancePath: instancePath + "/targets/" + i0 + "/subuser", schemaPath: "#/properties/targets/items/properties/subuser/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                if (vErrors === null) {
                                    vErrors = [err21];
                                }
                                else {
                                    vErrors.push(err21);
                                }
                                errors++;
                            }
                        }
                        if (data6["account-id"] !== undefined) {
                            let data9 = data6["account-id"];
                            if (typeof data9 === "string") {
                                if (!pattern1.test(data9)) {
                                    const err22 = { instancePath: instancePath + "/targets/" + i0 + "/account-id", schemaPath: "#/properties/targets/items/properties/account-id/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9_-]+$" }, message: "must match pattern \"" + "^[A-Za-z0-9_-]+$" + "\"" };
                                    if (vErrors === null) {
                                        vErrors = [err22];
                                    }
                                    else {
                                        vErrors.push(err22);
                                    }
                                    errors++;
                                }
                            }
                            else {
                                const err23 = { instancePath: instancePath + "/targets/" + i0 + "/account-id", schemaPath: "#/properties/targets/items/properties/account-id/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                if (vErrors === null) {
                                    vErrors = [err23];
                                }
                                else {
                                    vErrors.push(err23);
                                }
                                errors++;
                            }
                        }
                        if (data6.exclude !== undefined) {
                            let data10 = data6.exclude;
                            if (Array.isArray(data10)) {
                                const len1 = data10.length;
                                for (let i1 = 0; i1 < len1; i1++) {
                                    let data11 = data10[i1];
                                    if (typeof data11 === "string") {
                                        if (func3(data11) > 256) {
                                            const err24 = { instancePath: instancePath + "/targets/" + i0 + "/exclude/" + i1, schemaPath: "#/properties/targets/items/properties/exclude/items/maxLength", keyword: "maxLength", params: { limit: 256 }, message: "must NOT have more than 256 characters" };
                                            if (vErrors === null) {
                                                vErrors = [err24];
                                            }
                                            else {
                                                vErrors.push(err24);
                                            }
                                            errors++;
                                        }
                                        if (func3(data11) < 1) {
                                            const err25 = { instancePath: instancePath + "/targets/" + i0 + "/exclude/" + i1, schemaPath: "#/properties/targets/items/properties/exclude/items/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                                            if (vErrors === null) {
                                                vErrors = [err25];
                                            }
                                            else {
                                                vErrors.push(err25);
                                            }
                                            errors++;
                                        }
                                        if (!pattern0.test(data11)) {
                                            const err26 = { instancePath: instancePath + "/targets/" + i0 + "/exclude/" + i1, schemaPath: "#/properties/targets/items/properties/exclude/items/pattern", keyword: "pattern", params: { pattern: "^[!-~\\u00a1-\\u00ac\\u00ae-\\u00ff]+$" }, message: "must match pattern \"" + "^[!-~\\u00a1-\\u00ac\\u00ae-\\u00ff]+$" + "\"" };
                                            if (vErrors === null) {
                                                vErrors = [err26];
                                            }
                                            else {
                                                vErrors.push(err26);
                                            }
                                            errors++;
                                        }
                                    }
                                    else {
                                        const err27 = { instancePath: instancePath + "/targets/" + i0 + "/exclude/" + i1, schemaPath: "#/properties/targets/items/properties/exclude/items/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                        if (vErrors === null) {
                                            vErrors = [err27];
                                        }
                                        else {
                                            vErrors.push(err27);
                                        }
                                        errors++;
                                    }
                                }
                            }
                            else {
                                const err28 = { instancePath: instancePath + "/targets/" + i0 + "/exclude", schemaPath: "#/properties/targets/items/properties/exclude/type", keyword: "type", params: { type: "array" }, message: "must be array" };
                                if (vErrors === null) {
                                    vErrors = [err28];
                                }
                                else {
                                    vErrors.push(err28);
                                }
                                errors++;
                            }
                        }
                        if (data6["require-tls"] !== undefined) {
                            let data12 = data6["require-tls"];
                            if ((typeof data12 !== "boolean") && (data12 !== null)) {
                                const err29 = { instancePath: instancePath + "/targets/" + i0 + "/require-tls", schemaPath: "#/properties/targets/items/properties/require-tls/type", keyword: "type", params: { type: schema11.properties.targets.items.properties["require-tls"].type }, message: "must be boolean,null" };
                                if (vErrors === null) {
                                    vErrors = [err29];
                                }
                                else {
                                    vErrors.push(err29);
                                }
                                errors++;
                            }
                        }
                        if (data6["require-valid-cert"] !== undefined) {
                            let data13 = data6["require-valid-cert"];
                            if ((typeof data13 !== "boolean") && (data13 !== null)) {
                                const err30 = { instancePath: instancePath + "/targets/" + i0 + "/require-valid-cert", schemaPath: "#/properties/targets/items/properties/require-valid-cert/type", keyword: "type", params: { type: schema11.properties.targets.items.properties["require-valid-cert"].type }, message: "must be boolean,null" };
                                if (vErrors === null) {
                                    vErrors = [err30];
                                }
                                else {
                                    vErrors.push(err30);
                                }
                                errors++;
                            }
                        }
                        if (data6["min-version"] !== undefined) {
                            let data14 = data6["min-version"];
                            if (!(((((((data14 === "1.1") || (data14 === "1.2")) || (data14 === "1.3")) || (data14 === 1.1)) || (data14 === 1.2)) || (data14 === 1.3)) || (data14 === null))) {
                                const err31 = { instancePath: instancePath + "/targets/" + i0 + "/min-version", schemaPath: "#/properties/targets/items/properties/min-version/enum", keyword: "enum", params: { allowedValues: schema11.properties.targets.items.properties["min-version"].enum }, message: "must be equal to one of the allowed values" };
                                if (vErrors === null) {
                                    vErrors = [err31];
                                }
                                else {
                                    vErrors.push(err31);
                                }
                                errors++;
                            }
                        }
                        if (data6.reason !== undefined) {
                            let data15 = data6.reason;
                            if (typeof data15 === "string") {
                                if (func3(data15) < 1) {
                                    const err32 = { instancePath: instancePath + "/targets/" + i0 + "/reason", schemaPath: "#/properties/targets/items/properties/reason/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                                    if (vErrors === null) {
                                        vErrors = [err32];
                                    }
                                    else {
                                        vErrors.push(err32);
                                    }
                                    errors++;
                                }
                            }
                            else {
                                const err33 = { instancePath: instancePath + "/targets/" + i0 + "/reason", schemaPath: "#/properties/targets/items/properties/reason/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                if (vErrors === null) {
                                    vErrors = [err33];
                                }
                                else {
                                    vErrors.push(err33);
                                }
                                errors++;
                            }
                        }
                        if (data6.expires !== undefined) {
                            let data16 = data6.expires;
                            if (typeof data16 === "string") {
                                if (!pattern3.test(data16)) {
                                    const err34 = { instancePath: instancePath + "/targets/" + i0 + "/expires", schemaPath: "#/properties/targets/items/properties/expires/pattern", keyword: "pattern", params: { pattern: "^\\d{4}-\\d{2}-\\d{2}$" }, message: "must match pattern \"" + "^\\d{4}-\\d{2}-\\d{2}$" + "\"" };
                                    if (vErrors === null) {
                                        vErrors = [err34];
                                    }
                                    else {
                                        vErrors.push(err34);
                                    }
                                    errors++;
                                }
                            }
                            else {
                                const err35 = { instancePath: instancePath + "/targets/" + i0 + "/expires", schemaPath: "#/properties/targets/items/properties/expires/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                if (vErrors === null) {
                                    vErrors = [err35];
                                }
                                else {
                                    vErrors.push(err35);
                                }
                                errors++;
                            }
                        }
                    }
                    else {
                        const err36 = { instancePath: instancePath + "/targets/" + i0, schemaPath: "#/properties/targets/items/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                        if (vErrors === null) {
                            vErrors = [err36];
                        }
                        else {
                            vErrors.push(err36);
                        }
                        errors++;
                    }
                }
            }
            else {
                const err37 = { instancePath: instancePath + "/targets", schemaPath: "#/properties/targets/type", keyword: "type", params: { type: "array" }, message: "must be array" };
                if (vErrors === null) {
                    vErrors = [err37];
                }
                else {
                    vErrors.push(err37);
                }
                errors++;
            }
        }
    }
    else {
        const err38 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" };
        if (vErrors === null) {
            vErrors = [err38];
        }
        else {
            vErrors.push(err38);
        }
        errors++;
    }
    validate10.errors = vErrors;
    return errors === 0;
}

// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
;// CONCATENATED MODULE: ./src/engine/policy/parse.ts






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
    const format = formatOf(file);
    for (const error of document.errors)
        problem(at(error.pos[0]), syntaxMessage(format, error.message));
    // A %YAML 1.1 directive would make yes, no, on and off booleans again: the file is YAML 1.2.
    const directive = document.directives?.yaml;
    if (directive?.explicit && directive.version !== '1.2') {
        problem({ line: 1, column: 1 }, `a %YAML ${directive.version} directive: a policy file is read as YAML 1.2; remove the directive`);
    }
    // The parser's own check of repeated keys takes time that grows with the square of a mapping's
    // size: a megabyte of keys took minutes. This one is linear.
    for (const repeated of repeatedKeys(document))
        problem(at(repeated), repeatedKeyMessage(format));
    if (problems.length > 0)
        throw new policy_problems/* PolicyError */.p(file, sorted(problems));
    let data;
    try {
        data = document.toJS({ maxAliasCount: 100 });
    }
    catch (error) {
        // An alias to nothing, or so many that they would multiply the data: the parser says which.
        const message = (0,errors/* messageOf */.b)(error);
        const offset = aliasAtFault(document);
        const position = offset === undefined ? { line: 1, column: 1 } : at(offset);
        throw new policy_problems/* PolicyError */.p(file, [{ severity: 'error', file, ...position, message: syntaxMessage(format, message) }]);
    }
    if (data === null || data === undefined) {
        throw new policy_problems/* PolicyError */.p(file, [
            { severity: 'error', file, line: 1, column: 1, message: `is empty: a policy file starts with version: ${schema/* POLICY_VERSION */.Ky}` }
        ]);
    }
    const locate = new Locator(document, at);
    // An unknown version is another format: its other keys cannot be judged by this one's rules.
    const version = typeof data === 'object' && !Array.isArray(data) ? data['version'] : undefined;
    if (version !== undefined && version !== schema/* POLICY_VERSION */.Ky) {
        problem(locate.value(['version']), `unknown version ${JSON.stringify(version)}: this release reads version ${schema/* POLICY_VERSION */.Ky}; a newer format needs a newer release of the action`);
        throw new policy_problems/* PolicyError */.p(file, problems);
    }
    // Placed and worded: only as many as are shown (a file of a hundred thousand unknown keys has as
    // many errors, and placing each one scans its mapping).
    for (const error of parse_validate(data).slice(0, 4 * MAX_PROBLEMS))
        problem(locate.error(error), describeSchemaError(error, format));
    // Beside the schema's problems, not after them: every problem comes in one pass.
    checkDates(data, locate, problem);
    if (problems.length > 0)
        throw new policy_problems/* PolicyError */.p(file, sorted(problems));
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
/** Compiled at build time (`npm run docs`), so a run pays for checking a file, not for compiling its schema. */
const validator = validator_generated;
/** Every schema error at once. */
function parse_validate(data) {
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
        for (const [field, key] of Object.entries(schema/* FIELD_KEYS */.WM)) {
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
    // Only a refusal shows the path: guarding it is left to one, off the path every run takes.
    const shown = () => (0,guard/* safeLine */.om)(path);
    let real;
    let root;
    try {
        root = await (0,promises_.realpath)(workspace);
        real = await (0,promises_.realpath)(named);
    }
    catch {
        throw refuse(`names ${shown()}, which does not exist in ${place.name} (${(0,guard/* safeLine */.om)(workspace)})`);
    }
    if (place.confined && real === root)
        throw refuse(`names ${shown()}, which is ${place.name}, not a file in it`);
    if (place.confined && !inside(root, real)) {
        const how = (await (0,promises_.lstat)(named)).isSymbolicLink() ? 'leads, through a symbolic link,' : 'is';
        throw refuse(`names ${shown()}, which ${how} outside ${place.name} (${(0,guard/* safeLine */.om)(workspace)}): keep the policy file in it`);
    }
    let text;
    try {
        text = await (0,core_file/* readSmallFile */.EW)(real, MAX_POLICY_BYTES, 'a policy');
    }
    catch (error) {
        throw error instanceof core_file/* UnreadableFile */.ie ? refuse(`names ${shown()}, which ${error.message}`) : error;
    }
    // Annotations name a file relative to the repository's root, with forward slashes.
    const file = (0,external_node_path_.relative)(workspace, named).split(external_node_path_.sep).join('/');
    return parsePolicy(text.replace(/^\uFEFF/, ''), file);
}
function inside(root, path) {
    const rel = (0,external_node_path_.relative)(root, path);
    return rel !== '' && !rel.startsWith('..') && !(0,external_node_path_.isAbsolute)(rel);
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

//# sourceMappingURL=653.index.js.map