/** Who the requests come from: both faces send it in the User-Agent header, and the CLI prints it for --version. */
export const PRODUCT_NAME = 'sendgrid-enforced-tls-action'
/** Kept equal to package.json's version by a test. */
export const PRODUCT_VERSION = '1.0.0'
