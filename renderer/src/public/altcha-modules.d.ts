// The ALTCHA widget's translations register themselves; they ship without type declarations.
declare module 'altcha/i18n/zh-cn';
declare module 'altcha/i18n/en';
declare module 'altcha/altcha.css';
declare module 'altcha/workers/pbkdf2?worker' {
  const WorkerConstructor: new () => Worker;
  export default WorkerConstructor;
}
