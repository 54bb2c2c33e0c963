import { startPage } from '../common.js';
import { uploadZone } from '../upload-zone.js';

startPage(async () => uploadZone());
