// localStorage that may be missing: a private window or a browser that
// blocks storage throws on any access, and a full one throws on write. These
// never throw: a read gives null, a write returns the error (null when
// written), so the page keeps working without storage.

function storage() {
  return window.localStorage;
}

/** The value of `key`, or null when there is none or storage cannot be read. */
export function readItem(key) {
  try {
    return storage().getItem(key);
  } catch {
    return null;
  }
}

/** Writes `key`; returns null, or the error that kept it from being written. */
export function writeItem(key, value) {
  try {
    storage().setItem(key, value);
    return null;
  } catch (error) {
    return error;
  }
}

/** Forgets `key`; returns null, or the error. */
export function removeItem(key) {
  try {
    storage().removeItem(key);
    return null;
  } catch (error) {
    return error;
  }
}

/** Whether `error` (from writeItem) says the storage is full rather than disabled. */
export function isQuotaError(error) {
  return error instanceof DOMException
    && (error.name === 'QuotaExceededError' || error.name === 'NS_ERROR_DOM_QUOTA_REACHED');
}
