// jsdom says en-US; the app's tests read dates the British way unless a test names another locale.
if (typeof globalThis.window !== 'undefined')
  Object.defineProperty(globalThis.window.navigator, 'language', { value: 'en-GB', configurable: true });
