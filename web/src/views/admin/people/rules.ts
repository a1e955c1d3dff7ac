import type { FormItemRule } from 'element-plus'

/** Validation rules of the person forms (the server checks again). */
export const LOGIN_RE = /^[A-Za-z0-9._-]{2,64}$/
export const PHONE_RE = /^\+?[0-9][0-9 -]{4,19}$/
export const MIN_PASSWORD = 10

type T = (key: string, named?: Record<string, unknown>) => string

export function passwordRules(t: T, required: boolean): FormItemRule[] {
  return [
    ...(required ? [{ required: true, message: t('common.required', { field: t('people.password') }), trigger: 'blur' }] : []),
    { min: MIN_PASSWORD, message: t('people.passwordTooShort'), trigger: 'blur' },
  ]
}
