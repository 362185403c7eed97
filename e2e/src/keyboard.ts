import type { Locator, Page } from 'playwright-core';

/**
 * Presses Tab until `target` has the focus (as a keyboard user moves through the page), and checks
 * that the focus is visible there; fails when the element cannot be reached within `maxPresses`.
 */
export async function tabTo(page: Page, target: Locator, maxPresses = 60): Promise<void> {
  await target.waitFor();
  for (let i = 0; i <= maxPresses; i++) {
    if (await target.evaluate((element) => element === document.activeElement)) {
      const visible = await target.evaluate((element) => {
        const style = getComputedStyle(element);
        return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
      });
      if (!visible) throw new Error(`the focus on ${target} is not visible`);
      return;
    }
    await page.keyboard.press('Tab');
  }
  throw new Error(`${target} is not reachable with Tab within ${maxPresses} presses`);
}
