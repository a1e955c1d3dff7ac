import { http } from './http'
import type { SessionResult } from './types'

export namespace SessionApi {
  /** 登录参数 */
  export interface LoginParams {
    login: string
    password: string
  }
}

/** 登录：设置 HttpOnly 会话 Cookie，返回用户与 CSRF 令牌 */
export const createSession = (p: SessionApi.LoginParams) =>
  http.post<SessionResult>('/api/v1/session', p, { quiet401: true })

/** 退出登录 */
export const deleteSession = () => http.del('/api/v1/session', { quiet401: true })

/** 当前用户与 CSRF 令牌；未登录时 401 */
export const getMe = () => http.get<SessionResult>('/api/v1/me', undefined, { quiet401: true })
