export { toKerasPython } from './python';
export { toTfjsTypeScript } from './typescript';
export { CodegenError } from './common';
