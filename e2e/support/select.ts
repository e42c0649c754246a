import type { Locator, Page } from 'playwright-core';

/**
 * Picks `title` in an antd search select inside `container` and waits until the select shows it. Under load a click can
 * land while the filtered list re-renders and leave the field empty, so the pick is tried again (at most three times).
 */
export async function chooseOption(page: Page, container: Locator, label: string, search: string, title: string): Promise<void> {
  const field = container.getByLabel(label);
  const chosen = container.locator(`.ant-select-selection-item[title="${title}"]`);
  for (let attempt = 1; ; attempt++) {
    await field.click();
    await field.fill(search);
    await page.locator('.ant-select-dropdown:visible').getByTitle(title, { exact: true }).click();
    try {
      await chosen.waitFor({ timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}
