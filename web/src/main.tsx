/** The seller app: routes, data cache and languages. */
import { notifyManager, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, StrictMode, Suspense, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, Navigate } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import './i18n/index.ts';
import { meQuery, RequireAuth } from './auth.tsx';
import { prefetchBoard } from './board/board-batch.ts';
import { filtersFrom, PAGE_SIZE, templatesQuery, usersQuery } from './board/board-data.ts';
import { AppLayout } from './layout/app-layout.tsx';
import { BoardPage } from './pages/board-page.tsx';
import { LoginPage } from './pages/login-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import './styles.css';

// The board is the heaviest screen and the one to be fast: it is in the first bundle;
// the other screens load when first opened.
const AccountPage = lazy(() => import('./pages/account-page.tsx').then((m) => ({ default: m.AccountPage })));
const AccountsPage = lazy(() => import('./pages/accounts-page.tsx').then((m) => ({ default: m.AccountsPage })));
const CasePage = lazy(() => import('./pages/case-page.tsx').then((m) => ({ default: m.CasePage })));
const CasesPage = lazy(() => import('./pages/cases-page.tsx').then((m) => ({ default: m.CasesPage })));
const ImportPage = lazy(() => import('./pages/import-page.tsx').then((m) => ({ default: m.ImportPage })));
const JourneyPage = lazy(() => import('./pages/journey-page.tsx').then((m) => ({ default: m.JourneyPage })));
const LoyaltyPage = lazy(() => import('./pages/loyalty-page.tsx').then((m) => ({ default: m.LoyaltyPage })));
const PriceSimulatorPage = lazy(() => import('./pages/price-simulator-page.tsx').then((m) => ({ default: m.PriceSimulatorPage })));
const PricingPage = lazy(() => import('./pages/pricing-page.tsx').then((m) => ({ default: m.PricingPage })));
const ProductsPage = lazy(() => import('./pages/products-page.tsx').then((m) => ({ default: m.ProductsPage })));
const QuotePrintPage = lazy(() => import('./pages/quote-print-page.tsx').then((m) => ({ default: m.QuotePrintPage })));
const SettingsPage = lazy(() => import('./pages/settings-page.tsx').then((m) => ({ default: m.SettingsPage })));
const TodayPage = lazy(() => import('./pages/today-page.tsx').then((m) => ({ default: m.TodayPage })));

function Screen({ children }: { children: ReactNode }) {
  return <Suspense fallback={<p className="loading" role="status" />}>{children}</Suspense>;
}

// Answers that land together are drawn together: the cache tells the screens in one task,
// so React renders the six board columns once, not once per column (one layout, not six).
let notifications: (() => void)[] = [];
notifyManager.setScheduler((notify) => {
  notifications.push(notify);
  if (notifications.length > 1) return;
  setTimeout(() => {
    const now = notifications;
    notifications = [];
    for (const n of now) n();
  }, 0);
});

const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: 10_000, refetchOnWindowFocus: true } } });
// Who is signed in, the processes that name the board's columns, the users who own
// its cards and, on the board, its first cards: all asked for at once as the script
// starts, not one after another as screens draw.
void queryClient.prefetchQuery(meQuery);
void queryClient.prefetchQuery(templatesQuery);
void queryClient.prefetchQuery(usersQuery);
if (location.pathname === '/board') {
  const f = filtersFrom(new URLSearchParams(location.search));
  // "My journeys" needs to know who "me" is: that board waits for /me.
  if (f.owner !== 'me') prefetchBoard({ templateKey: f.process, status: f.status, ownerId: f.owner || undefined, q: f.q, limit: PAGE_SIZE });
}

const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <Navigate to="/today" replace /> },
      { path: 'today', element: <Screen><TodayPage /></Screen> },
      { path: 'board', element: <BoardPage /> },
      { path: 'journeys/:id', element: <Screen><JourneyPage /></Screen> },
      { path: 'accounts', element: <Screen><AccountsPage /></Screen> },
      { path: 'accounts/:id', element: <Screen><AccountPage /></Screen> },
      { path: 'cases', element: <Screen><CasesPage /></Screen> },
      { path: 'cases/:id', element: <Screen><CasePage /></Screen> },
      { path: 'loyalty', element: <Screen><LoyaltyPage /></Screen> },
      { path: 'products', element: <Screen><ProductsPage /></Screen> },
      { path: 'pricing', element: <Screen><PricingPage /></Screen> },
      { path: 'pricing/simulator', element: <Screen><PriceSimulatorPage /></Screen> },
      { path: 'quotes/:id/print', element: <Screen><QuotePrintPage /></Screen> },
      { path: 'imports', element: <Screen><ImportPage /></Screen> },
      { path: 'settings', element: <Screen><SettingsPage /></Screen> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
