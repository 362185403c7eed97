import { ComponentFixture, TestBed } from '@angular/core/testing';
import { CodeStepComponent } from './code-step.component';

describe('CodeStepComponent', () => {
  let fixture: ComponentFixture<CodeStepComponent>;
  let page: HTMLElement;
  let submitted: string[];
  let requested: number;

  beforeEach(async () => {
    await TestBed.configureTestingModule({ imports: [CodeStepComponent] }).compileComponents();
    fixture = TestBed.createComponent(CodeStepComponent);
    fixture.componentRef.setInput('destination', '+7 900 ***-**-67');
    fixture.componentRef.setInput('expiresIn', 245);
    fixture.componentRef.setInput('attemptsLeft', 3);
    submitted = [];
    requested = 0;
    fixture.componentInstance.submitted.subscribe((code) => submitted.push(code));
    fixture.componentInstance.requestCode.subscribe(() => requested++);
    page = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  const codeInput = () => page.querySelector<HTMLInputElement>('#signature-code')!;
  const signButton = () => page.querySelector<HTMLButtonElement>('button[type="submit"]')!;
  const type = async (value: string) => {
    codeInput().value = value;
    codeInput().dispatchEvent(new Event('input'));
    await fixture.whenStable();
  };

  it('has a labelled one-time-code input for a numeric keypad', () => {
    const input = codeInput();
    expect(input.getAttribute('inputmode')).toBe('numeric');
    expect(input.getAttribute('autocomplete')).toBe('one-time-code');
    expect(page.querySelector(`label[for="${input.id}"]`)?.textContent).toContain('Код из SMS');
    expect(page.textContent).toContain('+7 900 ***-**-67');
    expect(page.textContent).toContain('4:05');
  });

  it('keyboard path: focus, type the digits, Enter submits the code', async () => {
    codeInput().focus();
    expect(document.activeElement).toBe(codeInput());
    expect(signButton().disabled).toBeTrue();
    await type('12a34 56');
    expect(codeInput().value).toBe('123456');
    expect(signButton().disabled).toBeFalse();
    // Enter in a form field submits the form (implicit submission).
    codeInput().form!.requestSubmit();
    await fixture.whenStable();
    expect(submitted).toEqual(['123456']);
  });

  it('shows the fingerprint of what the code signs, to compare with the SMS, once there is one', async () => {
    expect(page.querySelector('.fingerprint')).toBeNull();
    fixture.componentRef.setInput('fingerprint', 'a1b2c3d4');
    await fixture.whenStable();
    expect(page.querySelector('.fingerprint__value')?.textContent).toBe('a1b2c3d4');
    expect(page.querySelector('.fingerprint')?.textContent).toContain('сверьте его с SMS');
  });

  it('shows the attempts left after a wrong code', async () => {
    fixture.componentRef.setInput('attemptsLeft', 2);
    await fixture.whenStable();
    expect(page.querySelector('[role="alert"]')?.textContent).toContain('Осталось попыток: 2.');
  });

  it('an expired code hides the input and asks for a new one', async () => {
    fixture.componentRef.setInput('expired', true);
    await fixture.whenStable();
    expect(codeInput()).toBeNull();
    expect(page.textContent).toContain('запросите новый код');
    const resend = page.querySelector<HTMLButtonElement>('button[type="button"]')!;
    expect(resend.textContent).toContain('Получить новый код');
    resend.click();
    expect(requested).toBe(1);
  });

  it('the resend button waits out the cooldown', async () => {
    fixture.componentRef.setInput('resendIn', 42);
    await fixture.whenStable();
    expect(page.querySelector<HTMLButtonElement>('button[type="button"]')!.disabled).toBeTrue();
    expect(page.textContent).toContain('0:42');
  });
});
