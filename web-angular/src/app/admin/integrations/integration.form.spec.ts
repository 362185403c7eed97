import { futureDayValidator, integrationForm, integrationRequestOf, originsOf } from './integration.form';
import { FormControl } from '@angular/forms';

describe('the integration form', () => {
  it('reads origins one a line (or separated by spaces or commas), without repeats', () => {
    expect(originsOf(' https://a.example\nhttps://b.example:8443, https://a.example  ')).toEqual([
      'https://a.example',
      'https://b.example:8443',
    ]);
    expect(originsOf('   ')).toEqual([]);
  });

  it('refuses an origin with a path or a trailing slash, by the server’s own rule', () => {
    const form = integrationForm();
    form.controls.allowedOrigins.setValue('https://crm.example.com/');
    expect(form.controls.allowedOrigins.errors).toEqual({ web_origin: true });
    form.controls.allowedOrigins.setValue('https://crm.example.com');
    expect(form.controls.allowedOrigins.errors).toBeNull();
  });

  it('needs a name and a branch id', () => {
    const form = integrationForm();
    expect(form.controls.name.errors).toEqual({ required: true });
    form.controls.branchId.setValue('м с к');
    expect(Object.keys(form.controls.branchId.errors ?? {})).toEqual(['pattern']);
  });

  it('takes a last day from today on, and sends the end of that day', () => {
    const now = new Date(2026, 10, 25, 12, 0, 0);
    const control = new FormControl<string | null>(null, { validators: [futureDayValidator(() => now)] });
    control.setValue('2026-11-24');
    expect(control.errors).toEqual({ expires_at_future: true });
    control.setValue('2026-11-25');
    expect(control.errors).toBeNull();
    const request = integrationRequestOf({ name: ' CRM ', branchId: 'msk', allowedOrigins: '', expiresAt: '2026-12-31' });
    expect(request).toEqual({ name: 'CRM', branchId: 'msk', expiresAt: new Date(2026, 11, 31, 23, 59, 59).toISOString() });
  });
});
