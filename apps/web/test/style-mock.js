// CSS modules in tests: each class name is its own key, so components render stable class names.
module.exports = new Proxy({}, { get: (_, key) => (key === '__esModule' ? false : String(key)) });
