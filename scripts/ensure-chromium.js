// `npm test` runs this before anything else: find the browser the tests drive, install it when running as
// root with apt-get, or stop with one line saying what to install. The logic is test/helpers/chromium.ts.
import { register } from 'tsx/esm/api';

register();
const { ensureChromium } = await import('../test/helpers/chromium.ts');
process.exit(ensureChromium());
