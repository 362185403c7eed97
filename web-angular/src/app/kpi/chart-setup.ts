import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';

let registered = false;

/** Registers only what the dashboard draws (grouped bars), so the rest of Chart.js is shaken out. */
export function chartWithBars(): typeof Chart {
  if (!registered) {
    Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);
    // the app's typeface and text colour (the canvas does not inherit CSS)
    Chart.defaults.font.family = "'PT Sans', system-ui, sans-serif";
    Chart.defaults.font.size = 13;
    // (the theme's muted text: light or dark, as the system setting chose)
    const muted = typeof document === 'undefined' ? '' : getComputedStyle(document.documentElement).getPropertyValue('--color-text-muted');
    Chart.defaults.color = muted.trim() || '#4b5d70';
    registered = true;
  }
  return Chart;
}
