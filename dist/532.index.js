export const id = 532;
export const ids = [532];
export const modules = {

/***/ 6532:
/***/ (function (__unused_webpack_module, __webpack_exports__, __webpack_require__) {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ProxyAgent: () => (/* binding */ ProxyAgent),
/* harmony export */   fetch: () => (/* binding */ fetch)
/* harmony export */ });
/**
 * What the action's bundle has in place of `undici` (tsconfig.json `paths`, which ncc follows).
 * `@actions/core` imports it through `@actions/http-client` for OIDC tokens, and `@actions/github`
 * for the fetch it would use by default: 900 KB the action never runs, since it asks for no token
 * and gives Octokit a fetch of its own. Compiling that code cost every run a third of its start.
 * If a future release of either did reach it, it fails loudly here rather than quietly.
 */
/** Built, not used, by `getOctokit` when a proxy is set: the action's own fetch goes through the proxy instead. */
class ProxyAgent {
    options;
    constructor(options) {
        this.options = options;
    }
}
function fetch() {
    throw new Error('undici is not part of this action’s bundle: a GitHub request took a path the action does not use');
}


/***/ })

};

//# sourceMappingURL=532.index.js.map