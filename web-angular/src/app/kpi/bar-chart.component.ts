import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  input,
  viewChild,
} from '@angular/core';
import type { Chart } from 'chart.js';
import { chartWithBars } from './chart-setup';

export interface BarSeries {
  label: string;
  data: number[];
  colour: string;
}

/** A grouped bar chart on a canvas; the text alternative is the table its parent puts under it. */
@Component({
  selector: 'app-bar-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<div class="chart"><canvas #canvas role="img" [attr.aria-label]="label()"></canvas></div>`,
  styles: `
    .chart {
      position: relative;
      height: 16rem;
    }
  `,
})
export class BarChartComponent {
  readonly label = input.required<string>();
  readonly labels = input.required<string[]>();
  readonly series = input.required<BarSeries[]>();

  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');
  private chart: Chart<'bar'> | null = null;

  constructor() {
    afterNextRender(() => {
      const ChartJs = chartWithBars();
      this.chart = new ChartJs(this.canvas().nativeElement, {
        type: 'bar',
        data: { labels: [], datasets: [] },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
          plugins: { legend: { position: 'bottom' } },
        },
      });
      this.update();
    });
    effect(() => {
      this.labels();
      this.series();
      this.update();
    });
    inject(DestroyRef).onDestroy(() => this.chart?.destroy());
  }

  private update(): void {
    if (!this.chart) return;
    this.chart.data.labels = this.labels();
    this.chart.data.datasets = this.series().map((s) => ({ label: s.label, data: s.data, backgroundColor: s.colour, maxBarThickness: 56 }));
    this.chart.update();
  }
}
