export { SpecificCharacterSet } from './specific-character-set.js';
export { CharacterSetError } from './character-set-error.js';
