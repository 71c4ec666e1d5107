// Issue 13: the delivery check reports what really happened. On a private D-Bus session with no
// notification server, and then with one that answers Notify with an error, a test reminder
// from Settings is reported as not reaching the user, with the system's reason, in Settings and
// on Today; once a server takes one, the warning goes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startNotificationServer } from './lib/index.mjs';
import { count, middayZone, onboard, text, withMagday } from './magday.mjs';

async function sendTest(s) {
  await s.click('[data-testid=tab-settings]');
  await s.click(await s.waitForElement('[data-testid=send-test]'));
}

test('a reminder no server takes is reported, with the reason, until one goes through', { timeout: 240_000 }, async () => {
  const { tz } = middayZone();
  await withMagday('delivery', tz, async (app) => {
    const s = app.session;
    await onboard(s, { template: 'nerve', times: ['08:00', '20:00'] });
    assert.equal(await count(s, '[data-testid=delivery-problem]'), 0, 'nothing to report before any reminder');

    // 1. No notification service on the session bus.
    await sendTest(s);
    await s.waitForText('[data-testid=delivery-problem]', /Reminders are not reaching you/);
    // The app's words for the person; the system's own text only behind "Details for support".
    assert.match(await text(s, '[data-testid=delivery-problem-reason]'), /no notification service is running/);
    assert.doesNotMatch(await text(s, '[data-testid=delivery-problem-reason]'), /org\.freedesktop|\(code:/);
    assert.match(await text(s, '[data-testid=delivery-problem-details] summary'), /code no_notification_service/);
    assert.match(
      await s.executeScript('return document.querySelector("[data-testid=delivery-problem-details]").textContent'),
      /ServiceUnknown/,
    );
    // Settings does not say "Reminders are on." above "Reminders are not reaching you".
    assert.doesNotMatch(await text(s, '[data-testid=permission]'), /Reminders are on/);
    assert.equal(await count(s, '[data-testid=last-test]'), 0, 'a test that failed was not "sent"');
    await s.click('[data-testid=tab-today]');
    await s.waitForText('[data-testid=delivery-problem]', /The test reminder at \d\d:\d\d could not be handed to your system/);

    // 2. A server that is there but answers Notify with an error.
    const refusing = await startNotificationServer({
      refuseNotify: { name: 'org.freedesktop.Notifications.Error.Refused', message: 'no notifications today' },
    });
    try {
      await sendTest(s);
      await s.waitForText('[data-testid=delivery-problem-reason]', /did not take the reminder/);
      assert.match(
        await s.executeScript('return document.querySelector("[data-testid=delivery-problem-details]").textContent'),
        /no notifications today/,
      );
      assert.equal(refusing.refused.length, 1, 'the app did ask the server');
      assert.equal(refusing.all().length, 0);
    } finally {
      await refusing.stop();
    }

    // 3. A server that shows it: the warning goes, and the test counts as sent.
    const notes = await startNotificationServer();
    try {
      await sendTest(s);
      await notes.waitForNotification({ summary: 'Magday test reminder' }, 15_000);
      await s.waitFor(async () => (await count(s, '[data-testid=delivery-problem]')) === 0, {
        message: 'the warning clears once a reminder goes through',
      });
      assert.match(await text(s, '[data-testid=last-test]'), /Last test sent at/);
      await s.click('[data-testid=tab-today]');
      await s.waitForElement('[data-testid=course-day]');
      assert.equal(await count(s, '[data-testid=delivery-problem]'), 0);
    } finally {
      await notes.stop();
    }
  });
});
