/**
 * Typed errors with a human message and a fix, shared by Node tools and the browser engine.
 * Each carries a `code` the UI can switch on, the file it concerns (if any) and a `fix`.
 */
export type CalmErrorCode =
  | 'missing-file'
  | 'bad-hash'
  | 'wrong-shape'
  | 'bad-format'
  | 'no-backend'
  | 'device-lost'
  | 'bad-input';

export class CalmError extends Error {
  readonly code: CalmErrorCode;
  readonly file?: string;
  readonly fix: string;
  constructor(code: CalmErrorCode, message: string, fix: string, file?: string) {
    super(message);
    this.name = 'CalmError';
    this.code = code;
    this.fix = fix;
    this.file = file;
  }
}

export class MissingFileError extends CalmError {
  constructor(file: string, detail = '') {
    super('missing-file', `The weight file "${file}" could not be loaded${detail ? `: ${detail}` : ''}.`,
      'Check that public/weights/ is complete (git checkout public/weights) and reload.', file);
    this.name = 'MissingFileError';
  }
}

export class BadHashError extends CalmError {
  constructor(file: string, expected: string, actual: string) {
    super('bad-hash', `The weight file "${file}" is corrupted: its SHA-256 is ${actual.slice(0, 12)}…, the manifest expects ${expected.slice(0, 12)}….`,
      'Restore the file from the repository (git checkout public/weights) or retrain, then reload.', file);
    this.name = 'BadHashError';
  }
}

export class WrongShapeError extends CalmError {
  constructor(file: string, detail: string) {
    super('wrong-shape', `The weights in "${file}" do not fit the model: ${detail}.`,
      'The weights and the model code are out of step: retrain or restore matching weights.', file);
    this.name = 'WrongShapeError';
  }
}

export class BadFormatError extends CalmError {
  constructor(file: string, detail: string) {
    super('bad-format', `The file "${file}" is not in the expected format: ${detail}.`,
      'Restore the file from the repository (git checkout public/weights) and reload.', file);
    this.name = 'BadFormatError';
  }
}
