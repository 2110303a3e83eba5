// `npm test` runs this before anything else: find the browser the tests drive and the tools that lay out
// Word files (LibreOffice, pdftotext), install what is missing when running as root with apt-get, or stop
// with one line saying what to install. The logic is test/helpers/test-tools.ts.
import { register } from 'tsx/esm/api';

register();
const { ensureTestTools } = await import('../test/helpers/test-tools.ts');
process.exit(ensureTestTools());
