import { initialAuthState, type AuthState } from '../core/auth/auth.feature';
import type { EmployeeSession, SignerSession } from '../core/auth/auth-session';
import type { EmployeeUser } from '../shared/api/api-types';
import type { ApiProblem } from '../shared/api/api-problem';

export const MANAGER: EmployeeUser = { id: 'u-manager', name: 'Мария Петрова', role: 'manager', branchId: 'msk' };
export const AUDITOR: EmployeeUser = { id: 'u-auditor', name: 'Олег Смирнов', role: 'auditor', branchId: null };
export const ADMIN: EmployeeUser = { id: 'u-admin', name: 'Анна Козлова', role: 'admin', branchId: null };

export const employeeSession = (user: EmployeeUser = MANAGER, token = 'employee-token'): EmployeeSession => ({
  kind: 'employee',
  token,
  user,
});
export const signerSession = (processId = '4b1c6f0e-8a43-4e5b-9c43-0d7f0e2b9a11', token = 'signer-token'): SignerSession => ({
  kind: 'signer',
  token,
  processId,
});

/** The root state as MockStore holds it. */
export const rootState = (auth: Partial<AuthState> = {}) => ({ auth: { ...initialAuthState, ...auth } });

export const problem = (status: number, code: string, extra: Partial<ApiProblem> = {}): ApiProblem => ({
  status,
  type: `https://e-contract.dev/problems/${code}`,
  code,
  title: '',
  detail: '',
  ...extra,
});
