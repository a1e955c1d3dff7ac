import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { ApiError } from '@/api/http'
import { i18n, setLocale } from '@/locales'

vi.mock('@/api/session', () => ({ createSession: vi.fn(), deleteSession: vi.fn(), getMe: vi.fn() }))
import { createSession } from '@/api/session'
import LoginPage from './index.vue'

function setup() {
  const pinia = createPinia()
  setActivePinia(pinia)
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/login', name: 'login', component: LoginPage },
      { path: '/', name: 'home', component: { template: '<div>home</div>' } },
      { path: '/portal', name: 'portal', component: { template: '<div>portal</div>' } },
      { path: '/admin/people', name: 'people', component: { template: '<div>people</div>' } },
    ],
  })
  return { pinia, router }
}

async function mountLogin() {
  const { pinia, router } = setup()
  await router.push('/login?redirect=/admin/people')
  await router.isReady()
  const wrapper = mount(LoginPage, { global: { plugins: [pinia, router, i18n] }, attachTo: document.body })
  return { wrapper, router }
}

beforeEach(() => {
  setLocale('zh-CN')
  vi.mocked(createSession).mockReset()
})

describe('sign-in page', () => {
  it('labels every field in Chinese by default', async () => {
    const { wrapper } = await mountLogin()
    const labels = wrapper.findAll('label')
    const text = labels.map((l) => l.text())
    expect(text).toContain('账号')
    expect(text).toContain('密码')
    for (const l of labels.filter((x) => x.attributes('for'))) {
      expect(document.getElementById(l.attributes('for')!), l.text()).not.toBeNull()
    }
    expect(wrapper.find('#login-input').attributes('autocomplete')).toBe('username')
    expect(wrapper.find('#password-input').attributes('type')).toBe('password')
    wrapper.unmount()
  })

  it('switches to English', async () => {
    const { wrapper } = await mountLogin()
    await wrapper.find('[data-testid="lang-switch"]').trigger('click')
    expect(wrapper.text()).toContain('Account')
    expect(document.documentElement.lang).toBe('en')
    setLocale('zh-CN')
    wrapper.unmount()
  })

  it('shows the translated error on wrong credentials and clears the password', async () => {
    vi.mocked(createSession).mockRejectedValue(new ApiError(401, 'bad_credentials', 'invalid login or password'))
    const { wrapper } = await mountLogin()
    await wrapper.find('#login-input').setValue('admin')
    await wrapper.find('#password-input').setValue('wrong-password')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    await vi.waitFor(() => expect(wrapper.find('[data-testid="login-error"]').exists()).toBe(true))
    expect(wrapper.find('[data-testid="login-error"]').text()).toContain('账号或密码错误')
    expect((wrapper.find('#password-input').element as HTMLInputElement).value).toBe('')
    expect(createSession).toHaveBeenCalledWith({ login: 'admin', password: 'wrong-password' })
    wrapper.unmount()
  })

  it('explains a locked account', async () => {
    vi.mocked(createSession).mockRejectedValue(new ApiError(429, 'too_many_requests'))
    const { wrapper } = await mountLogin()
    await wrapper.find('#login-input').setValue('admin')
    await wrapper.find('#password-input').setValue('x')
    await wrapper.find('form').trigger('submit')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="login-error"]').exists()).toBe(true))
    expect(wrapper.find('[data-testid="login-error"]').text()).toContain('15 分钟')
    wrapper.unmount()
  })

  it('sends a citizen account to the public portal', async () => {
    vi.mocked(createSession).mockResolvedValue({
      user: {
        id: '3',
        login: 'citizen',
        name: '市民',
        unit: { id: '2', code: 'yz', name: '渝中区', name_en: 'Yuzhong', kind: 'district' },
        roles: ['citizen'],
        phone: null,
        active: true,
      },
      csrf_token: 't',
    })
    const { wrapper, router } = await mountLogin()
    const replace = vi.spyOn(router, 'replace')
    await wrapper.find('#login-input').setValue('citizen')
    await wrapper.find('#password-input').setValue('x')
    await wrapper.find('form').trigger('submit')
    await vi.waitFor(() => expect(replace).toHaveBeenCalledWith('/portal'))
    wrapper.unmount()
  })

  it('signs in and goes where the user was headed', async () => {
    vi.mocked(createSession).mockResolvedValue({
      user: {
        id: '1',
        login: 'admin',
        name: '系统管理员',
        unit: { id: '2', code: 'yz', name: '渝中区', name_en: 'Yuzhong', kind: 'district' },
        roles: ['admin'],
        phone: null,
        active: true,
      },
      csrf_token: 't',
    })
    const { wrapper, router } = await mountLogin()
    const push = vi.spyOn(router, 'replace')
    await wrapper.find('#login-input').setValue(' admin ')
    await wrapper.find('#password-input').setValue('greenloop-demo')
    await wrapper.find('form').trigger('submit')
    await vi.waitFor(() => expect(push).toHaveBeenCalledWith('/admin/people'))
    expect(createSession).toHaveBeenCalledWith({ login: 'admin', password: 'greenloop-demo' })
    wrapper.unmount()
  })
})
