import { activeNavPath, navItemsOf } from './nav-items';

describe('navigation by role', () => {
  it('marks the deepest item the URL is under', () => {
    const items = navItemsOf('manager');
    expect(activeNavPath(items, '/deals')).toBe('/deals');
    expect(activeNavPath(items, '/deals/4b1c6f0e?tab=docs')).toBe('/deals');
    expect(activeNavPath(items, '/deals/new')).toBe('/deals/new');
    expect(activeNavPath(items, '/dealsx')).toBeNull();
    expect(activeNavPath(navItemsOf('admin'), '/admin/projections')).toBe('/admin/projections');
    expect(activeNavPath(navItemsOf('signer'), '/cabinet/p1?identification=r1')).toBe('/cabinet');
  });

  it('gives admins the integrations page, and nobody else', () => {
    expect(navItemsOf('admin').map((item) => item.path)).toContain('/admin/integrations');
    expect(activeNavPath(navItemsOf('admin'), '/admin/integrations')).toBe('/admin/integrations');
    for (const role of ['manager', 'auditor', 'signer'] as const) {
      expect(navItemsOf(role).map((item) => item.path)).not.toContain('/admin/integrations');
    }
  });

  it('gives nobody any links', () => {
    expect(navItemsOf(null)).toEqual([]);
  });
});
