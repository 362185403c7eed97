/** The queries of docker/grafana/dashboards/e-contract.json: each with its panel and data source uid. */
import { readFileSync } from 'node:fs';
import { dockerPath } from './tools.mjs';

export const DASHBOARD_FILE = dockerPath('grafana', 'dashboards', 'e-contract.json');

export function dashboardQueries(file = DASHBOARD_FILE) {
  const dashboard = JSON.parse(readFileSync(file, 'utf8'));
  const panels = dashboard.panels.flatMap((panel) => [panel, ...(panel.panels ?? [])]).filter((panel) => panel.type !== 'row');
  return panels.flatMap((panel) =>
    (panel.targets ?? []).map((target) => ({
      panel: panel.title,
      datasource: (target.datasource ?? panel.datasource)?.uid,
      expr: target.expr,
    })),
  );
}
