import { createApp } from 'vue'
import { createPinia } from 'pinia'
import { ElMessage } from 'element-plus'
import 'element-plus/dist/index.css'
import './styles/main.css'
import App from './App.vue'
import { i18n, currentLocale, setLocale } from './locales'
import { createAppRouter } from './router'
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
  onUnauthenticated: () => {
    // The session ended (expired, or signed out elsewhere): back to sign-in, then here again.
    if (!session.isSignedIn) return
    session.expire()
    ElMessage.warning(i18n.global.t('login.expired'))
    const here = router.currentRoute.value
    if (!here.meta.public) void router.replace({ name: 'login', query: { redirect: here.fullPath } })
  },
})

setLocale(currentLocale())
app.mount('#app')
