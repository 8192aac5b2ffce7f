import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { useDeskStore } from './stores/desk';
import { useSessionStore } from './stores/session';
import { selectTransport } from './transport/select';
import './styles.css';

const app = createApp(App).use(createPinia());
const desk = useDeskStore();
const session = useSessionStore();
desk.setSessionEndedHandler((reason) => session.forget(reason));
// On every (re)connect the session is resumed and a fresh snapshot replaces the projections.
desk.attach(selectTransport(), () => void session.resume());
app.mount('#app');
