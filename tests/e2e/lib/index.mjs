// Everything an app test needs, from one import:
//   import { withApp, startNotificationServer } from './lib/index.mjs';
export * from './app.mjs';
export * from './notifications.mjs';
export * from './webdriver.mjs';
export * from './png.mjs';
export { run, startProcess } from './proc.mjs';
