import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { DateFieldComponent } from './date-field.component';

@Component({
  imports: [DateFieldComponent, ReactiveFormsModule],
  template: `<app-date-field inputId="day" [formControl]="day" />`,
})
class HostComponent {
  readonly day = new FormControl<string | null>('2026-11-25');
}

describe('DateFieldComponent', () => {
  async function setUp() {
    const fixture = TestBed.createComponent(HostComponent);
    await fixture.whenStable();
    const input = (fixture.nativeElement as HTMLElement).querySelector<HTMLInputElement>('#day')!;
    const type = async (text: string) => {
      input.value = text;
      input.dispatchEvent(new Event('input'));
      await fixture.whenStable();
    };
    return { fixture, input, type, control: fixture.componentInstance.day };
  }

  it('shows the ISO value the Russian way', async () => {
    const { input } = await setUp();
    expect(input.value).toBe('25.11.2026');
    expect(input.placeholder).toBe('ДД.ММ.ГГГГ');
  });

  it('gives the form an ISO date once the day is typed in full', async () => {
    const { input, type, control } = await setUp();
    await type('01122026');
    expect(input.value).toBe('01.12.2026');
    expect(control.value).toBe('2026-12-01');
    expect(control.valid).toBeTrue();
  });

  it('marks a typed text that is not a date invalid and gives the form no date', async () => {
    const { input, type, control } = await setUp();
    await type('31.02.2026');
    expect(control.value).toBeNull();
    expect(control.errors).toEqual({ date: true });
    expect(input.getAttribute('aria-invalid')).toBe('true');
    await type('');
    expect(control.value).toBeNull();
    expect(control.valid).toBeTrue();
  });
});
