export { toDicomXml } from './to-xml.js';
export { fromDicomXml } from './from-xml.js';
