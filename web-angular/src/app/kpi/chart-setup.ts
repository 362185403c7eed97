import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';

let registered = false;

/** Registers only what the dashboard draws (grouped bars), so the rest of Chart.js is shaken out. */
export function chartWithBars(): typeof Chart {
  if (!registered) {
    Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);
    registered = true;
  }
  return Chart;
}
