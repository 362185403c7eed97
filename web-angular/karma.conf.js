// Karma for `ng test` (angular.json: test.options.runnerConfig). Headless Debian Chromium; the CI
// script parses Karma's summary line (`TOTAL: N SUCCESS`), hence `colors: false`.
process.env.CHROME_BIN ||= '/usr/lib/chromium/chromium';

module.exports = function (config) {
  config.set({
    basePath: '',
    frameworks: ['jasmine'],
    plugins: [
      require('karma-jasmine'),
      require('karma-chrome-launcher'),
      require('karma-jasmine-html-reporter'),
      require('karma-coverage'),
    ],
    client: {
      jasmine: { random: true },
      clearContext: false,
    },
    jasmineHtmlReporter: { suppressAll: true },
    coverageReporter: {
      dir: require('path').join(__dirname, './coverage/web-angular'),
      subdir: '.',
      reporters: [{ type: 'html' }, { type: 'text-summary' }],
    },
    // `progress` ends with `TOTAL: N SUCCESS` even for one browser (`dots` does not): the CI parses that line.
    reporters: ['progress', 'kjhtml'],
    colors: false,
    // Not `ChromeHeadless`: a custom launcher of that name recurses forever. As root, Chromium needs --no-sandbox.
    customLaunchers: {
      ChromeHeadlessCI: {
        base: 'ChromeHeadless',
        flags: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-dev-shm-usage',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      },
    },
    browsers: ['ChromeHeadlessCI'],
    browserNoActivityTimeout: 60000,
    restartOnFileChange: true,
  });
};
