/** The seller app: routes, data cache and languages. */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, Navigate } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import './i18n/index.ts';
import { RequireAuth } from './auth.tsx';
import { templatesQuery, usersQuery } from './board/board-data.ts';
import { AppLayout } from './layout/app-layout.tsx';
import { AccountPage } from './pages/account-page.tsx';
import { AccountsPage } from './pages/accounts-page.tsx';
import { BoardPage } from './pages/board-page.tsx';
import { JourneyPage } from './pages/journey-page.tsx';
import { LoginPage } from './pages/login-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { SettingsPage } from './pages/settings-page.tsx';
import { TodayPage } from './pages/today-page.tsx';
import './styles.css';

const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: 10_000, refetchOnWindowFocus: true } } });
// The processes name the board's columns and the users its owners: ask for them
// while /me is still on its way, not one after another.
void queryClient.prefetchQuery(templatesQuery);
void queryClient.prefetchQuery(usersQuery);

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
      { path: 'today', element: <TodayPage /> },
      { path: 'board', element: <BoardPage /> },
      { path: 'journeys/:id', element: <JourneyPage /> },
      { path: 'accounts', element: <AccountsPage /> },
      { path: 'accounts/:id', element: <AccountPage /> },
      { path: 'settings', element: <SettingsPage /> },
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
