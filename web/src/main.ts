import { createApp } from 'vue'
import { createPinia } from 'pinia'
import { ElMessage } from 'element-plus'
import 'element-plus/dist/index.css'
import './styles/main.css'
import App from './App.vue'
import { i18n, currentLocale, setLocale } from './locales'
import { createAppRouter } from './router'
import { makeSessionExpiryHandler } from './router/expiry'
import { configureHttp } from './api/http'
import { useSessionStore } from './stores/session'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
app.use(i18n)
const router = createAppRouter()
app.use(router)

const session = useSessionStore(pinia)
configureHttp({
  csrfToken: () => session.csrfToken,
  locale: () => currentLocale(),
  onUnauthenticated: makeSessionExpiryHandler(router, session, () =>
    ElMessage.warning(i18n.global.t('login.expired')),
  ),
})

setLocale(currentLocale())
app.mount('#app')
