export * from './cells';
export * from './progress';
export { ExportAbortedError, type RowSource } from './flow';
export * from './xlsx-writer';
export * from './ledgers';
export * from './registration-form/form';
export { loadCjkFont, MissingFontError, CJK_FONT_CANDIDATES, CJK_FACE } from './registration-form/font';
export { registrationFormPdf, writeRegistrationFormPdf } from './registration-form/pdf';
export * from './zip';
