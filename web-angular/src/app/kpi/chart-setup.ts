import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';

let registered = false;

/** Registers only what the dashboard draws (grouped bars), so the rest of Chart.js is shaken out. */
export function chartWithBars(): typeof Chart {
  if (!registered) {
    Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);
    // the app's typeface and text colour (the canvas does not inherit CSS)
    Chart.defaults.font.family = "'PT Sans', system-ui, sans-serif";
    Chart.defaults.font.size = 13;
    Chart.defaults.color = '#4b5d70';
    registered = true;
  }
  return Chart;
}
